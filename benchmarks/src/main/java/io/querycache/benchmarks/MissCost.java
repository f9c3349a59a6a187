package io.querycache.benchmarks;

import io.querycache.QueryCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A miss (query, capture, store) of 100 rows against the raw execution of the same query. Each invocation
 * first invalidates the key ({@code invalidate} is O(1) and included: it is part of what makes the miss).
 * Target: ratio <= 1.3.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MissCost {

    private static final String SQL = "SELECT id, name, price, created FROM items WHERE id <= 100 ORDER BY id";

    private Connection raw;
    private Connection cached;
    private PreparedStatement rawQuery;
    private PreparedStatement miss;
    private QueryCache cache;

    /** The database: H2 in memory here, PostgreSQL on loopback in {@link MissCostPostgres}. */
    String url() {
        return Catalogue.h2();
    }

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = url();
        raw = Catalogue.raw(url);
        Catalogue.create(raw, "items", 1000);
        cached = Catalogue.cached(url);
        cache = cached.unwrap(QueryCache.class);
        rawQuery = raw.prepareStatement(SQL);
        miss = cached.prepareStatement("/*cache:items*/ " + SQL);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        cached.close();
        raw.close();
    }

    @Benchmark
    public long baseline() throws SQLException {
        return Catalogue.readAll(rawQuery.executeQuery());
    }

    @Benchmark
    public long querycache() throws SQLException {
        cache.invalidate("items");
        return Catalogue.readAll(miss.executeQuery());
    }
}
