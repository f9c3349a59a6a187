package io.querycache.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real result set; {@link #getStatement()} answers the wrapper that produced it, never the real one. */
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
