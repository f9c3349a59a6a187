package io.querycache.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The real metadata; its connection and its result sets' statements are the wrappers. */
final class ProxyDatabaseMetaData extends DelegatingDatabaseMetaData {

    private final ProxyConnection connection;

    ProxyDatabaseMetaData(ProxyConnection connection, DatabaseMetaData delegate) {
        super(delegate);
        this.connection = connection;
    }

    /** A metadata query counts as a statement of the connection's transaction (its snapshot may start here). */
    @Override
    ResultSet query(Execution.Call<DatabaseMetaData, ResultSet> call) throws SQLException {
        return wrap(connection.execution().command(Execution.Command.METADATA, null, call, delegate));
    }

    private ResultSet wrap(ResultSet resultSet) throws SQLException {
        if (resultSet == null) {
            return null;
        }
        // Drivers answer a metadata result set's statement differently (null, or an internal statement).
        Statement real = resultSet.getStatement();
        return new ProxyResultSet(resultSet, real == null ? null : connection.wrapStatement(real));
    }

    @Override
    public Connection getConnection() {
        return connection;
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
