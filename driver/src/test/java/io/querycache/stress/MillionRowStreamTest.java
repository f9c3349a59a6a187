package io.querycache.stress;

import io.querycache.QueryCache;
import io.querycache.QueryCacheStats.BypassReason;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000,000-row hinted query on PostgreSQL (about 230 MB of row data) streams through querycache in constant
 * memory, as it streams through pgjdbc itself: pgjdbc streams only with a fetch size and autocommit off (else it
 * reads the whole result before {@code executeQuery} returns), and querycache must keep that. The result is over
 * {@code querycache.maxRowsPerEntry}: the capture stops there, replays what it read and streams the rest. Heap
 * used after a forced GC is sampled every 100,000 rows, for the raw driver and for querycache; the growth must
 * stay far below what holding the rows would take.
 */
@Tag("integration")
class MillionRowStreamTest {

    static final int ROWS = 1_000_000;
    static final String QUERY = "/*cache:million*/ SELECT i, repeat('y', 200) AS pad FROM generate_series(1, "
            + ROWS + ") i";
    /** Holding the rows would take over 400 MiB (200 chars a row); streaming keeps a few batches. */
    static final long BOUND = 32L << 20;

    @Test
    void aMillionRowsStreamThroughInConstantMemory() throws SQLException {
        ServerDatabase db = ServerDatabase.POSTGRES;
        long raw;
        try (Connection c = db.direct()) {
            raw = growth(c);
        }
        long cached;
        String cacheName = ServerDatabase.unique("flt_million");
        try (Connection c = db.cached(cacheName)) {
            cached = growth(c);
            QueryCache cache = c.unwrap(QueryCache.class);
            assertThat(cache.stats().bypassesByReason().get(BypassReason.TOO_LARGE)).isEqualTo(1);
            assertThat(cache.stats().entries()).isZero();
            cache.close();
        }
        System.out.printf("querycache 1,000,000-row stream on PostgreSQL: heap growth after GC, raw pgjdbc %,d KiB,"
                + " through querycache %,d KiB (bound %,d KiB), heap max %,d MiB%n", raw >> 10, cached >> 10,
                BOUND >> 10, Runtime.getRuntime().maxMemory() >> 20);
        assertThat(raw).as("the raw driver streams").isLessThan(BOUND);
        assertThat(cached).as("querycache streams").isLessThan(BOUND);
    }

    /** Reads every row; the largest heap used (after GC) while reading, minus the heap used before. */
    private static long growth(Connection c) throws SQLException {
        c.setAutoCommit(false);
        long before = usedAfterGc();
        long peak = before;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1_000);
            try (ResultSet rs = s.executeQuery(QUERY)) {
                long rows = 0;
                long sum = 0;
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(1);
                    if (rs.getString(2).length() != 200) {
                        throw new AssertionError("row " + rows);
                    }
                    if (rows % 100_000 == 0) {
                        peak = Math.max(peak, usedAfterGc());
                    }
                }
                assertThat(rows).isEqualTo(ROWS);
                assertThat(sum).isEqualTo((long) ROWS * (ROWS + 1) / 2);
            }
        } finally {
            c.rollback();
        }
        return peak - before;
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
