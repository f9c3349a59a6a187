package io.querycache.jdbc;

import io.querycache.jdbc.Execution.Call;
import io.querycache.jdbc.Execution.Command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real result set; {@link #getStatement()} answers the wrapper that produced it, never the real one. The
 * row writes of an updatable result set are reported to the connection as writes of the query's tables.
 */
final class ProxyResultSet extends DelegatingResultSet {

    private final Statement statement;

    ProxyResultSet(ResultSet delegate, Statement statement) {
        super(delegate);
        this.statement = statement;
    }

    /** The real result set wrapped, or null for null. */
    static ResultSet wrap(ResultSet live, Statement statement) {
        return live == null ? null : new ProxyResultSet(live, statement);
    }

    boolean wraps(ResultSet live) {
        return delegate == live;
    }

    private static final Call<ResultSet, Void> UPDATE_ROW = (real, none) -> {
        real.updateRow();
        return null;
    };
    private static final Call<ResultSet, Void> INSERT_ROW = (real, none) -> {
        real.insertRow();
        return null;
    };
    private static final Call<ResultSet, Void> DELETE_ROW = (real, none) -> {
        real.deleteRow();
        return null;
    };

    @Override
    public void updateRow() throws SQLException {
        writeRow(UPDATE_ROW);
    }

    @Override
    public void insertRow() throws SQLException {
        writeRow(INSERT_ROW);
    }

    @Override
    public void deleteRow() throws SQLException {
        writeRow(DELETE_ROW);
    }

    /** A row write is a write of the query's tables (a metadata result set has no statement of ours). */
    private void writeRow(Call<ResultSet, Void> write) throws SQLException {
        if (statement instanceof ProxyStatement) {
            ProxyStatement<?> owner = (ProxyStatement<?>) statement;
            owner.execution.command(Command.ROW_WRITE, owner.resultSql(), write, delegate);
        } else {
            write.on(delegate, null);
        }
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface != null && (iface.isInstance(this) || delegate.isWrapperFor(iface));
    }
}
