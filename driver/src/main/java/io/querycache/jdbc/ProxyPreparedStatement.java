package io.querycache.jdbc;

import io.querycache.cache.BoundParameters;
import io.querycache.cache.CacheKey;
import io.querycache.sql.SqlAnalysis;
import io.querycache.sql.SqlAnalysis.Role;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement of a querycache connection. Its SQL is analysed once, when it is prepared; a hinted
 * query records its bound values (the setters in {@link DelegatingPreparedStatement}) to key the cache.
 *
 * @param <S> the type of the real statement
 */
public class ProxyPreparedStatement<S extends PreparedStatement> extends DelegatingPreparedStatement<S> {

    private final String sql;
    /** Null when the cache is disabled. */
    private final SqlAnalysis analysis;
    private final boolean cacheable;
    private final LiveQuery preparedQuery;

    ProxyPreparedStatement(ProxyConnection connection, S delegate, String sql, SqlAnalysis analysis,
                           int resultSetType, int resultSetConcurrency) {
        super(connection, delegate, resultSetType, resultSetConcurrency);
        this.sql = sql;
        this.analysis = analysis;
        this.cacheable = analysis != null && analysis.role() == Role.CACHEABLE_QUERY;
        this.preparedQuery = ignoredSql -> delegate.executeQuery();
        if (cacheable) {
            parameters = new BoundParameters();
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        starting(analysis);
        if (cacheable) {
            return answer(session.query(analysis, key(), this, preparedQuery, queryTimeout()));
        }
        ResultSet live;
        try {
            live = delegate.executeQuery();
        } catch (SQLException e) {
            failed(analysis, e);
            throw e;
        }
        succeeded(analysis);
        return remember(live);
    }

    @Override
    public boolean execute() throws SQLException {
        starting(analysis);
        if (cacheable) {
            answer(session.query(analysis, key(), this, preparedQuery, queryTimeout()));
            return true;
        }
        try {
            boolean result = delegate.execute();
            succeeded(analysis);
            return result;
        } catch (SQLException e) {
            failed(analysis, e);
            throw e;
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        starting(analysis);
        try {
            int count = delegate.executeUpdate();
            succeeded(analysis);
            return count;
        } catch (SQLException e) {
            failed(analysis, e);
            throw e;
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        starting(analysis);
        try {
            long count = delegate.executeLargeUpdate();
            succeeded(analysis);
            return count;
        } catch (SQLException e) {
            failed(analysis, e);
            throw e;
        }
    }

    @Override
    public void addBatch() throws SQLException {
        delegate.addBatch();
        batched(analysis);
    }

    @Override
    public void clearParameters() throws SQLException {
        delegate.clearParameters();
        if (parameters != null) {
            parameters.clear();
        }
    }

    /** The key of this execution, or null when a bound value cannot be part of a key. */
    private CacheKey key() {
        return parameters.cacheable() ? parameters.lookupKey(sql, maxRows(), maxFieldSize()) : null;
    }

    String sql() {
        return sql;
    }

    @Override
    String resultSql() {
        return sql;
    }
}
