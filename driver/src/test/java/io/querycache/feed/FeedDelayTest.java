package io.querycache.feed;

import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long after an outside commit a cached read sees it (the delay includes the polling read's own round
 * trip, and counts from before the writer's statement), and how fast the feed applies a backlog.
 */
@Tag("integration")
class FeedDelayTest {

    private static final int COMMITS = 300;
    private static final int BURST = 2_000;
    private static final int BULK_ROWS = 100_000;

    @BeforeAll
    static void postgresDatabase() throws SQLException {
        PostgresChangeFeedTest.createDatabaseAndTables();
    }

    @Test
    void postgres() throws Exception {
        measure("PostgreSQL", new FeedFixture(PostgresChangeFeedTest.URL, "postgres", ServerDatabase.unique("delay_pg")),
                "INSERT INTO %s SELECT g, g FROM generate_series(%d, %d) g");
        BoundedWait.until("no replication slot of ours left", FeedFixture.BOUND_MILLIS,
                PostgresChangeFeedTest::noSlotLeft);
    }

    @Test
    void mariadb() throws Exception {
        measure("MariaDB", new FeedFixture(MariadbChangeFeedTest.URL, "root", ServerDatabase.unique("delay_maria")),
                "INSERT INTO %s SELECT seq, seq FROM seq_%d_to_%d");
    }

    private static void measure(String database, FeedFixture fixture, String bulkInsert) throws Exception {
        String table = ServerDatabase.unique("feed_delay");
        String count = "SELECT count(*) FROM " + table;
        try (FeedFixture f = fixture) {
            f.write("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)",
                    "CREATE TABLE " + table + "_marker (id INT PRIMARY KEY)");
            try {
                run(database, f, table, count, bulkInsert);
            } finally {
                f.write("DROP TABLE IF EXISTS " + table, "DROP TABLE IF EXISTS " + table + "_marker");
            }
        }
    }

    /**
     * Waits until the feed has applied every commit made so far: it reads the stream in commit order, so once
     * a marker written now has invalidated its own table, everything before it has been applied.
     */
    private static void applied(FeedFixture f, String table) throws Exception {
        String markers = "SELECT count(*) FROM " + table + "_marker";
        long n = f.cachedAndHit("marker", markers);
        f.write("INSERT INTO " + table + "_marker VALUES (" + n + ")");
        f.awaitCached("marker", markers, n + 1);
    }

    private static void run(String database, FeedFixture f, String table, String count, String bulkInsert)
            throws Exception {
        {
            f.awaitListening();
            applied(f, table);
            long[] delays = new long[COMMITS];
            for (int i = 0; i < COMMITS; i++) {
                f.cachedAndHit("d", count);
                long start = System.nanoTime();
                f.write("INSERT INTO " + table + " VALUES (" + i + ", 0)");
                f.awaitCached("d", count, i + 1);
                delays[i] = System.nanoTime() - start;
            }
            Arrays.sort(delays);
            double p50 = delays[COMMITS / 2] / 1e6;
            double p99 = delays[COMMITS * 99 / 100] / 1e6;

            f.cachedAndHit("d", count);
            long burstStart = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                f.write("INSERT INTO " + table + " VALUES (" + (COMMITS + i) + ", 0)");
            }
            long burstCommitted = System.nanoTime();
            f.awaitCached("d", count, COMMITS + BURST);
            long burstSeen = System.nanoTime();

            applied(f, table);
            f.cachedAndHit("d", count);
            long deafBefore = f.feed.cache().deafNanos();
            long bulkStart = System.nanoTime();
            f.write(String.format(Locale.ROOT, bulkInsert, table, 1_000_000, 1_000_000 + BULK_ROWS - 1));
            long bulkCommitted = System.nanoTime();
            BoundedWait.until("the bulk insert applied", 60_000,
                    () -> f.cachedLong("d", count) == COMMITS + BURST + BULK_ROWS);
            long bulkApplied = System.nanoTime();
            long deafMillis = (f.feed.cache().deafNanos() - deafBefore) / 1_000_000;

            System.out.printf(Locale.ROOT, "%s change feed: commit-to-invalidation delay over %d commits:"
                            + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", database, COMMITS, p50, p99,
                    delays[COMMITS - 1] / 1e6);
            System.out.printf(Locale.ROOT, "%s change feed: %d single-row commits at %.0f commits/s; the last one"
                            + " seen %.2f ms after it returned%n", database, BURST,
                    BURST / ((burstCommitted - burstStart) / 1e9), (burstSeen - burstCommitted) / 1e6);
            System.out.printf(Locale.ROOT, "%s change feed: one transaction of %d rows took %.0f ms to commit and"
                            + " was seen %.0f ms after it returned: %.0f rows/s end to end (cache deaf meanwhile: %d ms; %s)%n",
                    database, BULK_ROWS, (bulkCommitted - bulkStart) / 1e6, (bulkApplied - bulkCommitted) / 1e6,
                    BULK_ROWS / ((bulkApplied - bulkStart) / 1e9), deafMillis, f.feed.stats());
            assertThat(p99).as("p99 delay, ms").isLessThan(200);
        }
    }
}
