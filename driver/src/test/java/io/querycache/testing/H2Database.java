package io.querycache.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh in-memory H2 database per test, reached directly and through querycache with a named cache. */
public final class H2Database {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final String name;
    public final String cacheName;
    private final Properties extra = new Properties();

    public H2Database(String prefix) {
        int n = COUNTER.incrementAndGet();
        this.name = prefix + n;
        this.cacheName = "test-" + prefix + n;
    }

    public H2Database with(String property, String value) {
        extra.setProperty(property, value);
        return this;
    }

    public String h2Url() {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    /** A plain H2 connection, below querycache: what the database really holds. */
    public Connection direct() throws SQLException {
        return DriverManager.getConnection(h2Url(), "sa", "");
    }

    /** A querycache connection on the test's named cache. */
    public Connection cached() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("querycache.name", cacheName);
        p.putAll(extra);
        return DriverManager.getConnection("jdbc:querycache:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", p);
    }

    public void execute(String... sql) throws SQLException {
        try (Connection c = direct(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** The first column of the first row of a query, as a string. */
    public static String single(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
