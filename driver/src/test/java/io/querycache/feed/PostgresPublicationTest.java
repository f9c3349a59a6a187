package io.querycache.feed;

import io.querycache.QueryCache;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed never creates a FOR ALL TABLES publication that would make PostgreSQL refuse UPDATE and DELETE on the
 * application's tables without a replica identity: it stays deaf (no hits) and says what to do.
 */
@Tag("integration")
class PostgresPublicationTest {

    private static final String DATABASE = "querycache_feed_refused";

    @Test
    void aTableWithoutReplicaIdentityKeepsThePublicationUncreatedAndTheCacheDeaf() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
        String table = ServerDatabase.unique("no_pk");
        try (Connection raw = DriverManager.getConnection(url, "postgres", "");
             Statement s = raw.createStatement()) {
            s.execute("DROP PUBLICATION IF EXISTS querycache_feed");
            s.execute("CREATE TABLE " + table + " (v INT)");
            s.execute("INSERT INTO " + table + " VALUES (1)");
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", "");
            p.setProperty("querycache.name", ServerDatabase.unique("feed_refused"));
            p.setProperty("querycache.changeFeed", "replication");
            try (Connection cached = DriverManager.getConnection("jdbc:querycache:" + url.substring(5), p)) {
                ChangeFeed feed = ChangeFeeds.of(cached.unwrap(QueryCache.class));
                BoundedWait.until("the feed reports why it cannot start", 10_000,
                        () -> feed.stats().lastProblem() != null && feed.stats().lastProblem().contains("replica identity"));
                assertThat(feed.cache().isDeaf()).as("no hits while the feed cannot start").isTrue();
                assertThat(s.executeUpdate("UPDATE " + table + " SET v = 2")).as("the application's update").isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_publication WHERE pubname = 'querycache_feed'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("no publication was created").isZero();
                }
                cached.unwrap(QueryCache.class).close();
            }
        } finally {
            try (Connection raw = DriverManager.getConnection(url, "postgres", "");
                 Statement s = raw.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }
}
