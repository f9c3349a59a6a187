package io.querycache.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querycache.snapshot.Capture;
import io.querycache.snapshot.Snapshot;
import io.querycache.snapshot.SnapshotCapture;
import io.querycache.sql.Footprint;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry's estimated bytes (what the cache's byte bound weighs) against the heap it really retains, measured
 * with JOL, for results of mixed types: the estimate is within 25%, and what an entry retains beyond its rows
 * (snapshot, entry, key and the store's node) is at most 200 bytes.
 */
class EntryMemoryTest {

    private static final String SQL = "SELECT id, name, price, created, active, ratio, sold_on, note, big FROM mixed"
            + " WHERE id BETWEEN ? AND ? ORDER BY id";
    /** As in production, where the query's analysis holds the one footprint its entries share. */
    private static final Footprint DEPENDS_ON = Footprint.ofTables("mixed");
    private static H2Database db;

    @BeforeAll
    static void create() throws SQLException {
        db = new H2Database("memory");
        db.execute("CREATE TABLE mixed(id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10, 2),"
                        + " created TIMESTAMP, active BOOLEAN, ratio DOUBLE PRECISION, sold_on DATE, note VARCHAR(200),"
                        + " big BIGINT)",
                "INSERT INTO mixed SELECT x, 'item number ' || x, x * 1.25, TIMESTAMP '2024-01-01 00:00:00'"
                        + " + x * INTERVAL '1' MINUTE, MOD(x, 2) = 0, x / 7.0, DATE '2024-01-01' + MOD(x, 365),"
                        + " CASE WHEN MOD(x, 3) = 0 THEN NULL ELSE 'a note about item ' || x END, x * 1000000007"
                        + " FROM SYSTEM_RANGE(1, 10200)");
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 100, 10_000})
    void theEstimateIsWithinAQuarterOfTheRetainedSizeAndTheOverheadIsSmall(int rows) throws Exception {
        ResultCache cache = new ResultCache("memory-" + rows, Long.MAX_VALUE / 4, true, Ticker.systemTicker());
        try (Connection c = db.direct(); PreparedStatement ps = c.prepareStatement(SQL)) {
            // Two entries of the same query (other rows) first: what entries share (the metadata, what calibration
            // learned) is theirs, as it is in a running application.
            int warmUp = 100;
            store(cache, ps, 1, warmUp);
            store(cache, ps, warmUp + 1, warmUp);
            // And a capture of the very rows to be measured, not stored: values of categories the earlier rows
            // lacked teach calibration something (kept per query, not per entry) before the measurement.
            capture(cache, ps, 2 * warmUp + 1, rows);
            Object store = storeOf(cache);
            GraphLayout before = GraphLayout.parseInstance(store);
            CacheEntry entry = store(cache, ps, 2 * warmUp + 1, rows);
            long retained = GraphLayout.parseInstance(store).totalSize() - before.totalSize();
            long rowData = GraphLayout.parseInstance(rowParts(entry.snapshot())).subtract(before).totalSize();
            long estimate = entry.weight();
            long overhead = retained - rowData;
            // Of that, querycache's own objects: the entry, its snapshot, its key and the key's parameters; the
            // rest is the store's (Caffeine's node and its hash table's).
            long own = ClassLayout.parseClass(CacheEntry.class).instanceSize()
                    + ClassLayout.parseClass(Snapshot.class).instanceSize()
                    + ClassLayout.parseClass(CacheKey.class).instanceSize()
                    + GraphLayout.parseInstance((Object) lastKeyParameters).totalSize();
            System.out.printf("querycache entry memory, %,d rows of 9 mixed columns: estimate %,d B, retained %,d B"
                    + " (estimate/retained %.2f), rows %,d B, beyond the rows %,d B (querycache's objects %,d B,"
                    + " the store's node %,d B)%n", rows, estimate, retained, (double) estimate / retained, rowData,
                    overhead, own, overhead - own);
            assertThat((double) estimate).as("estimate vs retained %,d B", retained)
                    .isBetween(retained * 0.75, retained * 1.25);
            // The entry holds its own deadline (8 B) since Caffeine no longer expires entries, whose node shrank by
            // more (its expiry fields and timer-wheel links); the snapshot its rows' value categories (8 B), since
            // what holds by category is no longer recorded on every row.
            assertThat(own).as("querycache's bytes per entry beyond the rows").isLessThanOrEqualTo(216);
            assertThat(overhead - own).as("the store's bytes per entry").isLessThanOrEqualTo(80);
        }
    }

    /** The parameters of the last stored key (boxed, as BoundParameters keeps them). */
    private Object[] lastKeyParameters;

    private CacheEntry store(ResultCache cache, PreparedStatement ps, int from, int rows) throws SQLException {
        Capture capture = capture(cache, ps, from, rows);
        lastKeyParameters = new Object[] {from, from + rows - 1};
        CacheKey key = new CacheKey(SQL, lastKeyParameters, 2, 0, 0);
        CacheEntry entry = new CacheEntry(capture.snapshot(), DEPENDS_ON, cache.generation(),
                CacheEntry.NO_EXPIRY, key.estimatedBytes());
        cache.store(key, entry);
        return entry;
    }

    private static Capture capture(ResultCache cache, PreparedStatement ps, int from, int rows) throws SQLException {
        ps.setInt(1, from);
        ps.setInt(2, from + rows - 1);
        try (ResultSet rs = ps.executeQuery()) {
            Capture capture = SnapshotCapture.capture(rs, 1_000_000, Long.MAX_VALUE, cache.calibrations(), SQL);
            assertThat(capture.snapshot().rowCount()).isEqualTo(rows);
            return capture;
        }
    }

    /** The per-row arrays of a snapshot: values, getString texts and recorded answers. */
    private static Object[] rowParts(Snapshot snapshot) throws ReflectiveOperationException {
        return new Object[] {field(snapshot, "values"), field(snapshot, "texts"), field(snapshot, "recorded"),
                field(snapshot, "categories")};
    }

    private static Object storeOf(ResultCache cache) throws ReflectiveOperationException {
        Field f = ResultCache.class.getDeclaredField("store");
        f.setAccessible(true);
        return f.get(cache);
    }

    private static Object field(Snapshot snapshot, String name) throws ReflectiveOperationException {
        Field f = Snapshot.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(snapshot);
    }
}
