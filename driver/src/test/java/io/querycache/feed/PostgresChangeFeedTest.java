package io.querycache.feed;

import io.querycache.testing.LoopbackProxy;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes by a client without querycache reach a cached read through PostgreSQL logical replication. The tests
 * use a database of their own: a publication FOR ALL TABLES makes UPDATE and DELETE fail on tables without a
 * replica identity, which other tests of the shared database create.
 */
@Tag("integration")
class PostgresChangeFeedTest {

    static final String DATABASE = "querycache_feed";
    static final String URL = "postgresql://127.0.0.1:5432/" + DATABASE;

    private static String t;
    private static String parent;
    private static String child;
    private static String measures;

    @BeforeAll
    static void createDatabaseAndTables() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                try {
                    s.execute("CREATE DATABASE " + DATABASE);
                } catch (SQLException raced) {
                    // another run created it meanwhile
                }
            }
        }
        t = ServerDatabase.unique("feed_t");
        parent = ServerDatabase.unique("feed_parent");
        child = ServerDatabase.unique("feed_child");
        measures = ServerDatabase.unique("feed_measures");
        try (Connection c = DriverManager.getConnection("jdbc:" + URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT)");
            s.execute("CREATE TABLE " + parent + " (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE " + child + " (id INT PRIMARY KEY, parent_id INT REFERENCES " + parent
                    + " ON DELETE CASCADE)");
            s.execute("CREATE TABLE " + measures + " (id INT, y INT) PARTITION BY RANGE (y)");
            s.execute("CREATE TABLE " + measures + "_2024 PARTITION OF " + measures + " FOR VALUES FROM (2024) TO (2025)");
            s.execute("ALTER TABLE " + measures + "_2024 REPLICA IDENTITY FULL");
        }
    }

    @AfterAll
    static void dropTables() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:" + URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + t + ", " + child + ", " + parent + ", " + measures);
        }
    }

    private static FeedFixture fixture(String... properties) throws SQLException {
        return new FeedFixture(URL, "postgres", ServerDatabase.unique("feed_pg"), properties);
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
            f.write("TRUNCATE " + t);
            f.awaitCached("t", count, 0);
        }
    }

    @Test
    void partitionsAndCascadesReachTheTablesReadThroughTheGraph() throws Exception {
        try (FeedFixture f = fixture()) {
            f.awaitListening();
            String partitioned = "SELECT count(*) FROM " + measures;
            f.cachedAndHit("m", partitioned);
            f.write("INSERT INTO " + measures + "_2024 VALUES (1, 2024)");
            f.awaitCached("m", partitioned, 1);

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
            f.write("ALTER TABLE " + table + " ADD COLUMN extra INT DEFAULT 7");
            BoundedWait.until("the new column through the cache", FeedFixture.BOUND_MILLIS,
                    () -> f.cachedColumns("d", star).size() == 2);
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:" + URL, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    /** A connection that stays open but carries nothing (no keepalive reply either) is taken for lost. */
    @Test
    void aHungReplicationConnectionDeafensTheCache() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(5432);
             FeedFixture f = new FeedFixture("postgresql://127.0.0.1:" + proxy.port() + "/" + DATABASE, "postgres",
                     ServerDatabase.unique("feed_hung"))) {
            f.awaitListening();
            proxy.freeze(true);
            BoundedWait.until("the cache deaf while the replication connection hangs", 10_000,
                    () -> f.feed.cache().isDeaf() && f.feed.stats().state() == FeedState.DISCONNECTED);
            assertThat(f.feed.stats().lastProblem()).contains("carried nothing");
            proxy.freeze(false);
            f.awaitListening();
            assertThat(f.feed.stats().connects()).isGreaterThan(1);
        }
        BoundedWait.until("no replication slot of ours left", 20_000, PostgresChangeFeedTest::noSlotLeft);
    }

    @Test
    void aKilledWalsenderNeverLetsAStaleHitThroughAndNoSlotRemains() throws Exception {
        String application = ServerDatabase.unique("qcfeed");
        String count = "SELECT count(*) FROM " + t;
        try (FeedFixture f = fixture("ApplicationName", application)) {
            f.awaitListening();
            long before = f.cachedAndHit("t", count);
            f.write("SELECT pg_terminate_backend(pid) FROM pg_stat_replication WHERE application_name = '"
                    + application + "'");
            BoundedWait.until("the feed noticing", FeedFixture.BOUND_MILLIS,
                    () -> f.feed.stats().state() != FeedState.LISTENING || f.feed.stats().connects() > 1);
            // Committed while the feed is (or was) down: no slot streams it to the new subscription.
            f.write("INSERT INTO " + t + " VALUES (100, 0)");
            assertThat(f.cachedLong("t", count)).as("read after the write, feed down").isEqualTo(before + 1);
            f.awaitListening();
            assertThat(f.feed.stats().connects()).isEqualTo(2);
            assertThat(f.cachedLong("t", count)).as("read after the reconnect").isEqualTo(before + 1);
            f.cachedAndHit("t", count);
            f.write("DELETE FROM " + t + " WHERE id = 100");
            f.awaitCached("t", count, before);
        }
        BoundedWait.until("no replication slot of ours left", FeedFixture.BOUND_MILLIS,
                PostgresChangeFeedTest::noSlotLeft);
    }

    static boolean noSlotLeft() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:" + URL, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE database = '" + DATABASE
                     + "' AND slot_name LIKE 'querycache%'")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }
}
