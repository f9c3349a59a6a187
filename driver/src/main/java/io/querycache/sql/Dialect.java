package io.querycache.sql;

/**
 * The lexical rules of a database's SQL that matter for finding hints: which quotes and comments exist and
 * whether block comments nest.
 */
public enum Dialect {
    /** Unknown databases: standard quotes and comments, with nesting (the safer reading for hints). */
    GENERIC(true, false, false, false, false, false),
    H2(true, false, false, false, false, true),
    POSTGRESQL(true, false, false, true, false, false),
    MYSQL(false, true, true, false, false, false),
    SQLSERVER(true, false, false, false, true, false),
    ORACLE(false, false, false, false, false, false);

    final boolean nestedComments;
    final boolean hashComments;
    final boolean backslashEscapes;
    final boolean dollarQuotes;
    final boolean brackets;
    final boolean backticks;

    Dialect(boolean nestedComments, boolean hashComments, boolean backslashEscapes, boolean dollarQuotes,
            boolean brackets, boolean backticks) {
        this.nestedComments = nestedComments;
        this.hashComments = hashComments;
        this.backslashEscapes = backslashEscapes;
        this.dollarQuotes = dollarQuotes;
        this.brackets = brackets;
        this.backticks = backticks || hashComments;
    }

    /** The dialect of a real driver URL such as {@code jdbc:postgresql://...}. */
    public static Dialect fromUrl(String url) {
        if (url == null) {
            return GENERIC;
        }
        String u = url.toLowerCase(java.util.Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:pgsql:") || u.startsWith("jdbc:redshift:")
                || u.startsWith("jdbc:cockroach")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (u.startsWith("jdbc:sqlserver:") || u.startsWith("jdbc:jtds:")) {
            return SQLSERVER;
        }
        if (u.startsWith("jdbc:oracle:")) {
            return ORACLE;
        }
        return GENERIC;
    }
}
