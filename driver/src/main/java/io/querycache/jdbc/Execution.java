package io.querycache.jdbc;

import io.querycache.cache.CacheKey;
import io.querycache.sql.SqlAnalysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The one path of every call that can reach the database: the connection's state is told before the call
 * runs, and after it succeeded or failed. Statements are classified by their {@link SqlAnalysis}, other calls
 * by their {@link Command}; what each outcome means is {@link CachingSession}'s. With the cache disabled the
 * call simply runs.
 */
final class Execution {

    /** A call on a real JDBC object. Hot paths pass prebuilt ones, so that running one allocates nothing. */
    @FunctionalInterface
    interface Call<T, R> {
        R on(T real, String sql) throws SQLException;
    }

    /** The calls that are not SQL statements but change, or take part in, the connection's transaction. */
    enum Command {
        COMMIT, ROLLBACK, ROLLBACK_TO_SAVEPOINT, SAVEPOINT, RELEASE_SAVEPOINT, AUTOCOMMIT, ISOLATION, READ_ONLY,
        CATALOG, SCHEMA, METADATA, ROW_WRITE, CLOSE
    }

    /** Null when querycache.enabled=false. */
    private final CachingSession session;

    Execution(CachingSession session) {
        this.session = session;
    }

    CachingSession session() {
        return session;
    }

    /** The memoized analysis of {@code sql}, or null when the cache is disabled or there is no SQL to analyse. */
    SqlAnalysis analyze(String sql) throws SQLException {
        return session == null || sql == null ? null : session.analyze(sql);
    }

    SqlAnalysis analyzeCall(String sql) throws SQLException {
        return session == null || sql == null ? null : session.analyzeCall(sql);
    }

    /** True when a hinted query may be answered from the cache. */
    static boolean cacheable(SqlAnalysis analysis) {
        return analysis != null && analysis.role() == SqlAnalysis.Role.CACHEABLE_QUERY;
    }

    /** An SQL statement (analysis null when it is not known: the cache is off, or the SQL is null). */
    <T, R> R statement(SqlAnalysis analysis, Call<T, R> call, T real, String sql) throws SQLException {
        if (session == null) {
            return call.on(real, sql);
        }
        session.starting(analysis);
        R result;
        try {
            result = call.on(real, sql);
        } catch (SQLException e) {
            if (analysis != null) {
                session.failed(analysis, e);
            } else {
                session.state().statementFailed();
            }
            throw e;
        }
        if (analysis != null) {
            session.succeeded(analysis);
        }
        return result;
    }

    /** A hinted query: from the cache, or from {@code live}; needs the cache enabled. */
    ResultSet query(SqlAnalysis analysis, CacheKey key, ProxyStatement<?> owner, LiveQuery live, int queryTimeout)
            throws SQLException {
        session.starting(analysis);
        return session.query(analysis, key, owner, live, queryTimeout);
    }

    /**
     * A batch of these statements. Whatever the exception, part of a failed batch may have applied (drivers
     * differ in what they run after a failure), so each of its statements counts as written.
     */
    <T, R> R batch(List<SqlAnalysis> statements, Call<T, R> call, T real) throws SQLException {
        if (session == null) {
            return call.on(real, null);
        }
        session.starting((SqlAnalysis) null);
        session.startingBatch(statements);
        boolean succeeded = false;
        try {
            R result = call.on(real, null);
            succeeded = true;
            return result;
        } finally {
            for (SqlAnalysis analysis : statements) {
                if (succeeded) {
                    session.succeeded(analysis);
                } else {
                    session.batchFailed(analysis);
                }
            }
        }
    }

    /**
     * A call that is not an SQL statement. {@code argument} is what the state needs to know (the new
     * autocommit mode, isolation level, catalog or schema; the query of a row write).
     */
    <T, R> R command(Command command, Object argument, Call<T, R> call, T real) throws SQLException {
        if (session == null) {
            return call.on(real, null);
        }
        session.starting(command, argument);
        R result;
        try {
            result = call.on(real, null);
        } catch (Throwable e) {
            session.ended(command, argument, false);
            throw e;
        }
        session.ended(command, argument, true);
        return result;
    }
}
