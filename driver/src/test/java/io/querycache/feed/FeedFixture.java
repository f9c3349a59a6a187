package io.querycache.feed;

import io.querycache.QueryCache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A raw connection (no querycache: the outside writer) and a querycache connection with the change feed, on
 * the same database; cached reads count rows through a hint.
 */
final class FeedFixture implements AutoCloseable {

    static final long BOUND_MILLIS = 5_000;

    final Connection raw;
    final Connection cached;
    final QueryCache cache;
    final ChangeFeed feed;

    FeedFixture(String database, String user, String cacheName, String... properties) throws SQLException {
        raw = DriverManager.getConnection("jdbc:" + database, user, "");
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", "");
        p.setProperty("querycache.name", cacheName);
        p.setProperty("querycache.changeFeed", "replication");
        for (int i = 0; i < properties.length; i += 2) {
            p.setProperty(properties[i], properties[i + 1]);
        }
        cached = DriverManager.getConnection("jdbc:querycache:" + database, p);
        cache = cached.unwrap(QueryCache.class);
        feed = ChangeFeeds.of(cache);
    }

    /** Runs each statement on the raw connection, as it is (autocommit unless the test changed it). */
    void write(String... sql) throws SQLException {
        try (Statement s = raw.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** {@code /*cache:key*}{@code /} + sql on the cached connection: the first column of the first row. */
    long cachedLong(String key, String sql) throws SQLException {
        try (Statement s = cached.createStatement(); ResultSet rs = s.executeQuery("/*cache:" + key + "*/ " + sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The read's columns, cached. */
    List<String> cachedColumns(String key, String sql) throws SQLException {
        try (Statement s = cached.createStatement(); ResultSet rs = s.executeQuery("/*cache:" + key + "*/ " + sql)) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i).toLowerCase());
            }
            return names;
        }
    }

    long hits() {
        return cache.stats().hits();
    }

    void awaitListening() throws Exception {
        BoundedWait.until("the change feed listening: " + feed.stats(), 20_000,
                () -> feed.stats().state() == FeedState.LISTENING && !feed.cache().isDeaf());
    }

    /**
     * Reads until a read is a hit (within the bound: a DDL or write still arriving through the feed may
     * invalidate the first load): the entry the next write must invalidate exists.
     */
    long cachedAndHit(String key, String sql) throws Exception {
        long[] value = new long[1];
        BoundedWait.until("a hit for " + sql + "; feed " + feed.stats(), BOUND_MILLIS, () -> {
            long hitsBefore = hits();
            value[0] = cachedLong(key, sql);
            return hits() == hitsBefore + 1;
        });
        return value[0];
    }

    /** The cached read returns {@code expected} within the bound. */
    long awaitCached(String key, String sql, long expected) throws Exception {
        return BoundedWait.until(sql + " = " + expected + " through the cache; feed " + feed.stats(), BOUND_MILLIS,
                () -> cachedLong(key, sql) == expected);
    }

    @Override
    public void close() throws SQLException {
        ChangeFeeds.close(cache);
        try {
            cached.close();
        } finally {
            raw.close();
        }
    }
}
