package io.querycache.stress;

import io.querycache.QueryCache;
import io.querycache.QueryCacheStats;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random workload of hinted queries whose results have 1 to 100,000 rows, in the test JVM's 256 MiB
 * heap, against a cache bounded at {@value #MAX_BYTES_TEXT}: a small hot set read again and again while a large
 * cold set streams past. No OutOfMemoryError; the cache's estimated bytes, sampled after every query, never
 * exceed {@code querycache.maxBytes} plus one entry (at most {@code querycache.maxBytesPerEntry}); the hot
 * entries survive the eviction (their hit ratio stays high); and every result is whole and right.
 */
class MemoryBoundTest {

    static final long SEED = Long.getLong("memory.seed", 20261203L);
    static final String MAX_BYTES_TEXT = "24m";
    static final long MAX_BYTES = 24L << 20;
    static final long MAX_BYTES_PER_ENTRY = 6L << 20;
    static final int MAX_ROWS = 100_000;
    static final int OPERATIONS = 800;
    static final int HOT = 16;
    /** Each row: a BIGINT, the salt and a 40-character text. */
    static final String QUERY = "/*cache:mem*/ SELECT X, CAST(? AS INT) AS SALT, REPEAT('v', 40) AS PAD"
            + " FROM SYSTEM_RANGE(1, ?)";

    @Test
    void aRandomWorkloadStaysWithinTheBoundAndKeepsTheHotEntries() throws SQLException {
        H2Database db = new H2Database("memorybound").with("querycache.maxBytes", MAX_BYTES_TEXT)
                .with("querycache.maxBytesPerEntry", String.valueOf(MAX_BYTES_PER_ENTRY))
                .with("querycache.maxRowsPerEntry", String.valueOf(MAX_ROWS));
        Random random = new Random(SEED);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long hotReads = 0;
        long hotHits = 0;
        long coldRows = 0;
        long largestEstimate = 0;
        long peakHeap = 0;
        try (Connection c = db.cached(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            QueryCache cache = c.unwrap(QueryCache.class);
            int coldSalt = HOT;
            for (int op = 0; op < OPERATIONS; op++) {
                boolean hot = random.nextInt(10) < 7;
                int salt;
                int rows;
                if (hot) {
                    salt = random.nextInt(HOT);
                    rows = 1 + salt * 50; // 1 to 751 rows, always the same for a salt
                } else {
                    salt = coldSalt++;
                    // Log-uniform from 1 to 100,000 rows: many small results, some very large ones.
                    rows = (int) Math.min(MAX_ROWS, Math.round(Math.exp(random.nextDouble() * Math.log(MAX_ROWS))));
                    coldRows += rows;
                }
                long hitsBefore = cache.stats().hits();
                ps.setInt(1, salt);
                ps.setLong(2, rows);
                long count = 0;
                long sum = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        sum += rs.getLong(1);
                        assertThat(rs.getInt(2)).isEqualTo(salt);
                    }
                }
                assertThat(count).as("rows of operation %d", op).isEqualTo(rows);
                assertThat(sum).isEqualTo((long) rows * (rows + 1) / 2);
                QueryCacheStats stats = cache.stats();
                if (hot && op >= OPERATIONS / 5) {
                    hotReads++;
                    hotHits += stats.hits() - hitsBefore;
                }
                assertThat(stats.estimatedBytes()).as("estimated bytes after operation %d", op)
                        .isLessThanOrEqualTo(MAX_BYTES + MAX_BYTES_PER_ENTRY);
                largestEstimate = Math.max(largestEstimate, stats.estimatedBytes());
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            }
            QueryCacheStats stats = cache.stats();
            double hotRatio = (double) hotHits / hotReads;
            System.out.printf("querycache memory workload (seed %d): %,d operations, %,d cold rows, %,d evictions,"
                            + " %,d oversized bypasses, largest estimate %,d B of %,d B (+ one entry of at most %,d B),"
                            + " hot-set hit ratio %.3f after warm-up, peak heap used %,d MiB of %,d MiB%n", SEED,
                    OPERATIONS, coldRows, stats.evictions(),
                    stats.bypassesByReason().getOrDefault(QueryCacheStats.BypassReason.TOO_LARGE, 0L),
                    largestEstimate, MAX_BYTES, MAX_BYTES_PER_ENTRY, hotRatio, peakHeap >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            assertThat(stats.evictions()).as("the cold set forced evictions").isGreaterThan(100);
            assertThat(hotRatio).as("hit ratio of the hot set while the cold set streams past").isGreaterThan(0.9);
        }
        assertThat(Runtime.getRuntime().maxMemory()).as("the test runs in a small heap").isLessThanOrEqualTo(300L << 20);
    }
}
