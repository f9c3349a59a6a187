package io.querycache.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real result set; {@link #getStatement()} answers the wrapper that produced it, never the real one. The
 * row writes of an updatable result set are reported to the connection as writes of the query's tables.
 */
public final class ProxyResultSet extends DelegatingResultSet {

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

    @Override
    public void updateRow() throws SQLException {
        writeRow(delegate::updateRow);
    }

    @Override
    public void insertRow() throws SQLException {
        writeRow(delegate::insertRow);
    }

    @Override
    public void deleteRow() throws SQLException {
        writeRow(delegate::deleteRow);
    }

    private interface RowWrite {
        void run() throws SQLException;
    }

    private void writeRow(RowWrite write) throws SQLException {
        try {
            write.run();
        } finally {
            rowWritten();
        }
    }

    /** Also after a failure: a row write that failed may still have reached the database (conservative). */
    private void rowWritten() throws SQLException {
        if (statement instanceof ProxyStatement) {
            ((ProxyStatement<?>) statement).rowWritten();
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
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
