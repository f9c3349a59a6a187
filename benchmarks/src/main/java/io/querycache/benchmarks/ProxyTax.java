package io.querycache.benchmarks;

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

/** An unhinted primary-key query through querycache, against the raw H2 driver. Target: ratio <= 1.03. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ProxyTax {

    private static final String SQL = "SELECT id, name, price, created FROM items WHERE id = ?";

    private Connection raw;
    private Connection cached;
    private PreparedStatement rawQuery;
    private PreparedStatement cachedQuery;
    private int id;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = Catalogue.h2();
        raw = Catalogue.raw(url);
        Catalogue.create(raw, "items", 1000);
        cached = Catalogue.cached(url);
        rawQuery = raw.prepareStatement(SQL);
        cachedQuery = cached.prepareStatement(SQL);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        cached.close();
        raw.close();
    }

    private int nextId() {
        id = id % 1000 + 1;
        return id;
    }

    @Benchmark
    public long baseline() throws SQLException {
        rawQuery.setInt(1, nextId());
        return Catalogue.readAll(rawQuery.executeQuery());
    }

    @Benchmark
    public long querycache() throws SQLException {
        cachedQuery.setInt(1, nextId());
        return Catalogue.readAll(cachedQuery.executeQuery());
    }
}
