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

/** A one-row hit against the same query on PostgreSQL over loopback. Target: >= 100x. Needs the server. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HitVsPostgres {

    private Connection raw;
    private Connection cached;
    private PreparedStatement rawQuery;
    private PreparedStatement hit;
    private String table;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Catalogue.requirePostgres();
        table = "qc_bench_" + ProcessHandle.current().pid();
        raw = Catalogue.raw(Catalogue.POSTGRES_URL);
        Catalogue.create(raw, table, 100);
        cached = Catalogue.cached(Catalogue.POSTGRES_URL);
        String sql = "SELECT id, name, price, created FROM " + table + " WHERE id = ?";
        rawQuery = raw.prepareStatement(sql);
        rawQuery.setInt(1, 42);
        hit = cached.prepareStatement("/*cache:items*/ " + sql);
        hit.setInt(1, 42);
        Catalogue.readAll(hit.executeQuery());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (raw != null) {
            raw.createStatement().execute("DROP TABLE IF EXISTS " + table);
            cached.close();
            raw.close();
        }
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
