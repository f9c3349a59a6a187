package io.querycache.benchmarks;

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

/** A hit, every row and column read, against the same query on raw H2. Target: >= 10x at 1 row, >= 5x at 1,000. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HitVsH2 {

    @Param({"1", "100", "1000"})
    public int rows;

    private Connection raw;
    private Connection cached;
    private PreparedStatement rawQuery;
    private PreparedStatement hit;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = Catalogue.h2();
        raw = Catalogue.raw(url);
        Catalogue.create(raw, "items", 1000);
        cached = Catalogue.cached(url);
        String sql = "SELECT id, name, price, created FROM items WHERE id <= ? ORDER BY id";
        rawQuery = raw.prepareStatement(sql);
        rawQuery.setInt(1, rows);
        hit = cached.prepareStatement("/*cache:items*/ " + sql);
        hit.setInt(1, rows);
        Catalogue.readAll(hit.executeQuery());
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
        return Catalogue.readAll(hit.executeQuery());
    }
}
