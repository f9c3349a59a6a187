package io.querycache.jdbc;

import io.querycache.cache.ConnectionState;

import java.sql.Connection;
import java.sql.SQLException;

/** Test access to a querycache connection's state. */
public final class StateProbe {

    private StateProbe() {
    }

    public static ConnectionState of(Connection c) throws SQLException {
        return c.unwrap(ProxyConnection.class).session().state();
    }
}
