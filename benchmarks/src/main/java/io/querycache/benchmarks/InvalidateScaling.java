package io.querycache.benchmarks;

import io.querycache.QueryCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** {@code invalidate(key)} with 100 and with 100,000 entries under that key. Target: ratio <= 2. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class InvalidateScaling {

    @Param({"100", "100000"})
    public int entries;

    private Connection cached;
    private QueryCache cache;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = Catalogue.h2();
        try (Connection raw = Catalogue.raw(url)) {
            Catalogue.create(raw, "items", 10);
        }
        cached = Catalogue.cached(url, "querycache.maxBytes", "1g");
        cache = cached.unwrap(QueryCache.class);
        try (PreparedStatement ps = cached.prepareStatement("/*cache:items*/ SELECT ? FROM items WHERE id = 1")) {
            for (int i = 0; i < entries; i++) {
                ps.setInt(1, i);
                ps.executeQuery().close();
            }
        }
        if (cache.stats().entries() < entries) {
            throw new IllegalStateException("only " + cache.stats().entries() + " entries were stored");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        cached.close();
    }

    @Benchmark
    public QueryCache querycache() {
        cache.invalidate("items");
        return cache;
    }
}
