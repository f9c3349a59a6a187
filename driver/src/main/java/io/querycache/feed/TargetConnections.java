package io.querycache.feed;

import io.querycache.dependency.CatalogConnections;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections like the application's, through the real driver, with its URL and properties; the change
 * feed also opens them with extra properties (a PostgreSQL replication connection) or reads the address and
 * credentials (a binlog client speaks the protocol itself).
 */
public final class TargetConnections implements CatalogConnections {

    private final Driver driver;
    private final String url;
    private final Properties properties;

    public TargetConnections(Driver driver, String url, Properties properties) {
        this.driver = driver;
        this.url = url;
        this.properties = properties;
    }

    @Override
    public Connection open() throws SQLException {
        return open(new Properties());
    }

    /** A connection with these properties added to (or replacing) the application's. */
    public Connection open(Properties overrides) throws SQLException {
        Properties merged = new Properties();
        merged.putAll(properties);
        merged.putAll(overrides);
        Connection c = driver.connect(url, merged);
        if (c == null) {
            throw new SQLException("The driver " + driver.getClass().getName() + " did not accept the URL");
        }
        return c;
    }

    /** The real driver's URL, credentials included when the application put them there. */
    String url() {
        return url;
    }

    /** A connection property the application passed, or null. */
    String property(String name) {
        return properties.getProperty(name);
    }
}
