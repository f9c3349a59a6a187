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

/** An autocommit tagged UPDATE through querycache (which invalidates) against the raw driver. Target <= 1.10. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WriteTax {

    private static final String SQL = "/*cache:items*/ UPDATE items SET price = price WHERE id = ?";

    private Connection raw;
    private Connection cached;
    private PreparedStatement rawWrite;
    private PreparedStatement cachedWrite;
    private int id;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = Catalogue.h2();
        raw = Catalogue.raw(url);
        Catalogue.create(raw, "items", 1000);
        cached = Catalogue.cached(url);
        rawWrite = raw.prepareStatement(SQL);
        cachedWrite = cached.prepareStatement(SQL);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        cached.close();
        raw.close();
    }

    @Benchmark
    public int baseline() throws SQLException {
        id = id % 1000 + 1;
        rawWrite.setInt(1, id);
        return rawWrite.executeUpdate();
    }

    @Benchmark
    public int querycache() throws SQLException {
        id = id % 1000 + 1;
        cachedWrite.setInt(1, id);
        return cachedWrite.executeUpdate();
    }
}
