package io.querycache.jdbc;

import io.querycache.cache.BoundParameters;
import io.querycache.cache.CacheKey;
import io.querycache.jdbc.Execution.Call;
import io.querycache.sql.SqlAnalysis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement of a querycache connection. Its SQL is analysed once, when it is prepared; a hinted
 * query records its bound values (the setters in {@link DelegatingPreparedStatement}) to key the cache.
 *
 * @param <S> the type of the real statement
 */
class ProxyPreparedStatement<S extends PreparedStatement> extends DelegatingPreparedStatement<S> {

    private static final Call<PreparedStatement, ResultSet> EXECUTE_QUERY = (real, sql) -> real.executeQuery();
    private static final Call<PreparedStatement, Boolean> EXECUTE = (real, sql) -> real.execute();
    private static final Call<PreparedStatement, Integer> EXECUTE_UPDATE = (real, sql) -> real.executeUpdate();
    private static final Call<PreparedStatement, Long> EXECUTE_LARGE_UPDATE =
            (real, sql) -> real.executeLargeUpdate();

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
        this.cacheable = Execution.cacheable(analysis);
        this.preparedQuery = ignoredSql -> delegate.executeQuery();
        if (cacheable) {
            parameters = new BoundParameters();
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        starting();
        if (cacheable && open()) {
            return answer(execution.query(analysis, key(), this, preparedQuery, queryTimeout()));
        }
        return remember(execution.statement(analysis, EXECUTE_QUERY, delegate, sql));
    }

    @Override
    public boolean execute() throws SQLException {
        starting();
        if (cacheable && open()) {
            answer(execution.query(analysis, key(), this, preparedQuery, queryTimeout()));
            return true;
        }
        return execution.statement(analysis, EXECUTE, delegate, sql);
    }

    @Override
    public int executeUpdate() throws SQLException {
        starting();
        return execution.statement(analysis, EXECUTE_UPDATE, delegate, sql);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        starting();
        return execution.statement(analysis, EXECUTE_LARGE_UPDATE, delegate, sql);
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
