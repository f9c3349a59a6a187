package io.querycache.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * After a write, re-populating and hitting, on PostgreSQL on loopback, against what an application-level cache
 * does: an autocommit {@code UPDATE} of one row, then the 100-row query read twice. querycache invalidates the
 * entry itself, so its second read is a miss (query, capture, store) and its third a hit; the application's floor
 * invalidates its Caffeine entry by hand, runs the query, copies the rows into a {@code List<Object[]>}, stores it,
 * and reads it twice. The same reads into the same Blackhole ({@link Reads}). Target: <= 1.2x.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class RepopulateAfterWrite {

    static final String QUERY = "SELECT id, name, price, created FROM %s WHERE id <= 100 ORDER BY id";
    static final String WRITE = "UPDATE %s SET price = price + 1 WHERE id = 1";

    /** A table of this benchmark's own: others' tests and benchmarks share the database. */
    private final String table = "qc_i17_repopulate_" + ProcessHandle.current().pid();
    private Connection raw;
    private Connection cached;
    private PreparedStatement rawWrite;
    private PreparedStatement rawQuery;
    private PreparedStatement cachedWrite;
    private PreparedStatement cachedQuery;
    private final Cache<String, List<Object[]>> application = Caffeine.newBuilder().maximumSize(100).build();

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Catalogue.requirePostgres();
        raw = Catalogue.raw(Catalogue.POSTGRES_URL);
        Catalogue.create(raw, table, 1000);
        cached = Catalogue.cached(Catalogue.POSTGRES_URL);
        rawWrite = raw.prepareStatement(String.format(WRITE, table));
        rawQuery = raw.prepareStatement(String.format(QUERY, table));
        cachedWrite = cached.prepareStatement(String.format(WRITE, table));
        cachedQuery = cached.prepareStatement("/*cache:" + table + "*/ " + String.format(QUERY, table));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        cached.close();
        try (Statement s = raw.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
        raw.close();
    }

    @Benchmark
    public void baseline(Blackhole bh) throws SQLException {
        rawWrite.executeUpdate();
        application.invalidate(table);
        List<Object[]> rows = Reads.copy(rawQuery.executeQuery());
        application.put(table, rows);
        Reads.readRows(application.getIfPresent(table), bh);
        Reads.readRows(application.getIfPresent(table), bh);
    }

    @Benchmark
    public void querycache(Blackhole bh) throws SQLException {
        cachedWrite.executeUpdate();
        Reads.readAll(cachedQuery.executeQuery(), bh);
        Reads.readAll(cachedQuery.executeQuery(), bh);
    }
}
