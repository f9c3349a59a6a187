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
    /**
     * Creates a table of these columns and rows (under a unique name; its first column is {@code id}), compares
     * every getter of the live result with querycache's on a miss and a hit (see GetterDifferential), and drops
     * the table: the mismatches, none when the cached result answers as the driver does.
     */
    public java.util.List<String> getterMismatches(String prefix, String columns, String rows) throws SQLException {
        String table = unique(prefix);
        execute("CREATE TABLE " + table + " " + columns, "INSERT INTO " + table + " VALUES " + rows);
        try (Connection live = direct(); Connection cached = cached(unique(prefix + "_cache"))) {
            return io.querycache.snapshot.GetterDifferential.missAndHit(live, cached,
                    "SELECT * FROM " + table + " ORDER BY id", "/*cache:" + prefix + "*/");
        } finally {
            dropQuietly("DROP TABLE " + table);
        }
    }

    /**
     * Compares every getter of the query's live result with querycache's on a miss and a hit: the mismatches, and
     * a line saying so if the second execution was not a hit.
     */
    public java.util.List<String> missAndHit(String query) throws SQLException {
        try (Connection live = direct(); Connection cached = cached(unique("fidelity"))) {
            java.util.List<String> mismatches = new java.util.ArrayList<>(
                    io.querycache.snapshot.GetterDifferential.missAndHit(live, cached, query, "/*cache:types*/"));
            long hits = cached.unwrap(io.querycache.QueryCache.class).stats().hits();
            if (hits != 1) {
                mismatches.add("hits: " + hits + ", not 1");
            }
            return mismatches;
        }
    }

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
