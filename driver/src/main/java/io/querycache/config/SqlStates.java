package io.querycache.config;

/** The SQLStates querycache raises itself, in one place. */
public final class SqlStates {

    /** No driver accepts the URL, or the URL is malformed. */
    public static final String UNABLE_TO_CONNECT = "08001";
    /** An unknown querycache property or a malformed value (SQL/CLI "invalid attribute value"). */
    public static final String INVALID_CONFIGURATION = "HY024";
    /** A malformed hint, or a hinted query refused by querycache.volatileFunctions=error. */
    public static final String SYNTAX_ERROR = "42000";
    /** A feature a cached result cannot offer (updates to a read-only snapshot). */
    public static final String NOT_SUPPORTED = "0A000";
    /** Waiting for another connection's load of the same entry took longer than the query timeout. */
    public static final String QUERY_TIMEOUT = "57014";

    private SqlStates() {
    }
}
