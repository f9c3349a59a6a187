package io.querycache.feed;

import io.querycache.testing.LoopbackProxy;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes by a client without querycache reach a cached read through the MariaDB row binlog. */
@Tag("integration")
class MariadbChangeFeedTest {

    static final String URL = "mariadb://127.0.0.1:3306/test";
    private static final ServerDatabase DB = ServerDatabase.MARIADB;

    private static String t;
    private static String parent;
    private static String child;

    @BeforeAll
    static void createTables() throws SQLException {
        t = ServerDatabase.unique("feed_t");
        parent = ServerDatabase.unique("feed_parent");
        child = ServerDatabase.unique("feed_child");
        DB.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
                "CREATE TABLE " + parent + " (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE " + child + " (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES "
                        + parent + " (id) ON DELETE CASCADE) ENGINE=InnoDB");
    }

    @AfterAll
    static void dropTables() throws SQLException {
        DB.execute("DROP TABLE IF EXISTS " + t + ", " + child + ", " + parent);
    }

    static FeedFixture fixture() throws SQLException {
        return new FeedFixture(URL, "root", ServerDatabase.unique("feed_maria"));
    }

    @Test
    void outsideWritesInvalidateWithinTheBound() throws Exception {
        try (FeedFixture f = fixture()) {
            f.awaitListening();
            String count = "SELECT count(*) FROM " + t;

            f.cachedAndHit("t", count);
            f.write("INSERT INTO " + t + " VALUES (1, 1)");
            f.awaitCached("t", count, 1);

            f.cachedAndHit("t", count);
            f.raw.setAutoCommit(false);
            f.write("INSERT INTO " + t + " VALUES (2, 2)", "INSERT INTO " + t + " VALUES (3, 3)");
            assertThat(f.cachedLong("t", count)).as("uncommitted").isEqualTo(1);
            f.raw.commit();
            f.raw.setAutoCommit(true);
            f.awaitCached("t", count, 3);

            String sum = "SELECT coalesce(sum(v), 0) FROM " + t;
            f.cachedAndHit("sum", sum);
            f.write("UPDATE " + t + " SET v = v + 10 WHERE id = 1");
            f.awaitCached("sum", sum, 16);

            f.cachedAndHit("t", count);
            f.write("TRUNCATE TABLE " + t);
            f.awaitCached("t", count, 0);
        }
    }

    /** InnoDB's cascaded deletes are not in the binlog: only the dependency graph reaches the child. */
    @Test
    void cascadesReachTheChildThroughTheGraph() throws Exception {
        try (FeedFixture f = fixture()) {
            f.awaitListening();
            f.write("INSERT INTO " + parent + " VALUES (1)", "INSERT INTO " + child + " VALUES (1, 1)");
            String children = "SELECT count(*) FROM " + child;
            f.awaitCached("c", children, 1);
            f.cachedAndHit("c", children);
            f.write("DELETE FROM " + parent + " WHERE id = 1");
            f.awaitCached("c", children, 0);
        }
    }

    @Test
    void ddlByAnotherClientInvalidates() throws Exception {
        String table = ServerDatabase.unique("feed_ddl");
        try (FeedFixture f = fixture()) {
            f.write("CREATE TABLE " + table + " (id INT PRIMARY KEY)");
            f.awaitListening();
            String star = "SELECT * FROM " + table;
            assertThat(f.cachedColumns("d", star)).containsExactly("id");
            assertThat(f.cachedColumns("d", star)).containsExactly("id");
            f.write("ALTER TABLE " + table + " ADD COLUMN extra INT DEFAULT 7");
            BoundedWait.until("the new column through the cache", FeedFixture.BOUND_MILLIS,
                    () -> f.cachedColumns("d", star).size() == 2);
        } finally {
            DB.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** A connection that stays open but carries nothing (no heartbeat either) is taken for lost. */
    @Test
    void aHungBinlogConnectionDeafensTheCache() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(3306);
             FeedFixture f = new FeedFixture("mariadb://127.0.0.1:" + proxy.port() + "/test", "root",
                     ServerDatabase.unique("feed_hung"))) {
            f.awaitListening();
            proxy.freeze(true);
            BoundedWait.until("the cache deaf while the binlog connection hangs", 10_000,
                    () -> f.feed.cache().isDeaf() && f.feed.stats().state() == FeedState.DISCONNECTED);
            proxy.freeze(false);
            f.awaitListening();
            assertThat(f.feed.stats().connects()).isGreaterThan(1);
        }
    }

    @Test
    void aKilledBinlogDumpNeverLetsAStaleHitThrough() throws Exception {
        String count = "SELECT count(*) FROM " + t;
        try (FeedFixture f = fixture()) {
            f.awaitListening();
            long before = f.cachedAndHit("t", count);
            long dump = ((BinlogChangeFeed) f.feed).connectionId();
            f.write("KILL " + dump);
            BoundedWait.until("the feed noticing", FeedFixture.BOUND_MILLIS,
                    () -> f.feed.stats().state() != FeedState.LISTENING || f.feed.stats().connects() > 1);
            f.write("INSERT INTO " + t + " VALUES (100, 0)");
            assertThat(f.cachedLong("t", count)).as("read after the write, feed down").isEqualTo(before + 1);
            f.awaitListening();
            assertThat(f.feed.stats().connects()).isEqualTo(2);
            assertThat(f.cachedLong("t", count)).as("read after the reconnect").isEqualTo(before + 1);
            f.cachedAndHit("t", count);
            f.write("DELETE FROM " + t + " WHERE id = 100");
            f.awaitCached("t", count, before);
        }
    }

    @Test
    void closingTheCacheStopsItsFeed() throws Exception {
        try (FeedFixture f = fixture()) {
            assertThat(ChangeFeeds.of(f.cache)).isNotNull();
            f.cache.close();
            assertThat(ChangeFeeds.of(f.cache)).as("the closed cache's feed").isNull();
        }
    }
}
