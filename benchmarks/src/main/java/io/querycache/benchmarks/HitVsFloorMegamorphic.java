package io.querycache.benchmarks;

import org.h2.tools.SimpleResultSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link HitVsFloor} read through a {@code java.sql.ResultSet} call site that has seen several implementations, as
 * in an application with a pool, an ORM and two drivers: before measuring, {@link Reads#readAll} runs, in turn, on
 * H2's own result set, on H2's {@link SimpleResultSet}, on querycache's unhinted wrapper, on a cached hit and on the
 * floor's {@link ListResultSet}, so the JIT sees a megamorphic site and can inline no getter there. The floor is the
 * same Caffeine lookup of the same rows, read through that site by the cheapest possible cursor.
 * Target: <= 1.5x at 1 row, <= 1.3x at 100.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HitVsFloorMegamorphic {

    /** Rounds of warming, each through every implementation: enough for C1's profile and C2's compile. */
    private static final int WARMING_ROUNDS = 20_000;

    @Param({"1", "100"})
    public int rows;

    private FloorFixture fixture;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        fixture = new FloorFixture(rows);
        pollute(fixture, Reads.warmingBlackhole());
    }

    /** Runs {@link Reads#readAll} on five ResultSet classes in turn, until the JIT has compiled it so. */
    static void pollute(FloorFixture fixture, Blackhole bh) throws SQLException {
        try (Connection raw = Catalogue.raw(fixture.url);
             PreparedStatement rawQuery = raw.prepareStatement(FloorFixture.SQL);
             PreparedStatement unhinted = fixture.cached.prepareStatement(FloorFixture.SQL)) {
            rawQuery.setInt(1, 1);
            unhinted.setInt(1, 1);
            List<Object[]> one = Reads.copy(rawQuery.executeQuery());
            for (int i = 0; i < WARMING_ROUNDS; i++) {
                Reads.readAll(rawQuery.executeQuery(), bh);
                Reads.readAll(simple(one), bh);
                Reads.readAll(unhinted.executeQuery(), bh);
                Reads.readAll(fixture.hit.executeQuery(), bh);
                Reads.readAll(new ListResultSet(fixture.floorRows()), bh);
            }
        }
    }

    private static ResultSet simple(List<Object[]> rows) {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("ID", Types.INTEGER, 10, 0);
        rs.addColumn("NAME", Types.VARCHAR, 40, 0);
        rs.addColumn("PRICE", Types.DECIMAL, 10, 2);
        rs.addColumn("CREATED", Types.TIMESTAMP, 26, 6);
        for (Object[] row : rows) {
            rs.addRow(row);
        }
        return rs;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        fixture.close();
    }

    @Benchmark
    public void baseline(Blackhole bh) throws SQLException {
        Reads.readAll(new ListResultSet(fixture.floorRows()), bh);
    }

    @Benchmark
    public void querycache(Blackhole bh) throws SQLException {
        Reads.readAll(fixture.hit.executeQuery(), bh);
    }
}
