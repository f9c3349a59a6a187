package io.querycache.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** The data every benchmark reads: an items table on H2 (or PostgreSQL), reached raw and through querycache. */
final class Catalogue {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final String POSTGRES_URL = "postgresql://127.0.0.1:5432/test";
    /**
     * A database of the change-feed benchmark's own: the feed's FOR ALL TABLES publication must not reach the
     * tables of other tests and benchmarks (PostgreSQL refuses UPDATE/DELETE on those without a replica identity).
     */
    static final String FEED_URL = "postgresql://127.0.0.1:5432/querycache_bench_feed";

    /** Creates the change-feed benchmark's database if it is missing. */
    static void ensureFeedDatabase() throws SQLException {
        try (Connection c = raw(POSTGRES_URL); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(
                     "SELECT 1 FROM pg_database WHERE datname = 'querycache_bench_feed'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE querycache_bench_feed");
            }
        }
    }

    private Catalogue() {
    }

    /** A fresh in-memory H2 database name. */
    static String h2() {
        return "h2:mem:bench" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    static Connection raw(String url) throws SQLException {
        return DriverManager.getConnection("jdbc:" + url, user(url), "");
    }

    static Connection cached(String url, String... properties) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user(url));
        p.setProperty("password", "");
        p.setProperty("querycache.name", "bench-" + DATABASES.incrementAndGet());
        for (int i = 0; i < properties.length; i += 2) {
            p.setProperty(properties[i], properties[i + 1]);
        }
        return DriverManager.getConnection("jdbc:querycache:" + url, p);
    }

    private static String user(String url) {
        return url.startsWith("postgresql") ? "postgres" : "sa";
    }

    /** Creates the items table with that many rows (id, name, price, created). */
    static void create(Connection c, String table, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                    + " price DECIMAL(10, 2) NOT NULL, created TIMESTAMP NOT NULL)");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                ps.setInt(1, i);
                ps.setString(2, "item number " + i);
                ps.setBigDecimal(3, java.math.BigDecimal.valueOf(i * 100 + 99, 2));
                ps.setTimestamp(4, java.sql.Timestamp.valueOf("2024-01-01 00:00:00"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** Reads every row and column, as an application would; returns something for the blackhole. */
    static long readAll(ResultSet rs) throws SQLException {
        long sum = 0;
        while (rs.next()) {
            sum += rs.getInt(1);
            sum += rs.getString(2).length();
            sum += rs.getBigDecimal(3).scale();
            sum += rs.getTimestamp(4).getNanos();
        }
        rs.close();
        return sum;
    }

    static boolean postgresUp() {
        try (Connection c = raw(POSTGRES_URL)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean redisUp() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", 6379), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Fails the trial with a clear message when Redis is not on loopback. */
    static void requireRedis() {
        if (!redisUp()) {
            throw new IllegalStateException("SKIPPED: no Redis on 127.0.0.1:6379");
        }
    }

    /** Waits until the bus of that cache listens (the cache is deaf until then); fails after 15 s. */
    static void awaitBusListening(String cacheName) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            io.querycache.bus.InvalidationBus bus = io.querycache.bus.Buses.of(cacheName);
            if (bus != null && "listening".equals(bus.statistics().getState())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bus of " + cacheName + " is not listening after 15 s: "
                        + (bus == null ? "no bus" : bus.statistics()));
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the cache of that name serves hits (bus or feed subscribed); fails after 15 s. */
    static io.querycache.cache.ResultCache awaitHearing(String cacheName) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            io.querycache.cache.ResultCache cache = io.querycache.cache.CacheRegistry.find(cacheName);
            if (cache != null && !cache.isDeaf()) {
                return cache;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cache " + cacheName + " is still deaf after 15 s");
            }
            Thread.sleep(20);
        }
    }

    /** Fails the trial with a clear message when PostgreSQL is not on loopback. */
    static void requirePostgres() {
        if (!postgresUp()) {
            throw new IllegalStateException("SKIPPED: no PostgreSQL on 127.0.0.1:5432 (user postgres, db test)");
        }
    }
}
