package io.querycache.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real server on loopback (the integration profile): PostgreSQL or MariaDB, reached directly and through
 * querycache with a cache of the test's own. Tables get a unique suffix so runs never collide.
 */
public final class ServerDatabase {

    public static final ServerDatabase POSTGRES = new ServerDatabase("postgresql://127.0.0.1:5432/test", "postgres", "");
    public static final ServerDatabase MARIADB = new ServerDatabase("mariadb://127.0.0.1:3306/test", "root", "");

    private final String url;
    private final String user;
    private final String password;

    private ServerDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public boolean isPostgres() {
        return this == POSTGRES;
    }

    public String directUrl() {
        return "jdbc:" + url;
    }

    public String cachedUrl() {
        return "jdbc:querycache:" + url;
    }

    public String user() {
        return user;
    }

    /** A unique name with this prefix, for tables and caches. */
    public static String unique(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime(), 36) + ThreadLocalRandom.current().nextInt(1000);
    }

    public Connection direct() throws SQLException {
        return DriverManager.getConnection(directUrl(), user, password);
    }

    public Connection cached(String cacheName, String... properties) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("querycache.name", cacheName);
        for (int i = 0; i < properties.length; i += 2) {
            p.setProperty(properties[i], properties[i + 1]);
        }
        return DriverManager.getConnection(cachedUrl(), p);
    }

    public void execute(String... sql) throws SQLException {
        try (Connection c = direct(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Drops what a test created, ignoring what is already gone. */
    public void dropQuietly(String... sql) {
        for (String q : sql) {
            try {
                execute(q);
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }
}
