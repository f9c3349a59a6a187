package io.querycache.benchmarks;

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

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A hit against the physical floor, with the result set's call site monomorphic (only our result set ever reaches
 * it): the floor is a Caffeine {@code getIfPresent} of a prebuilt {@code List<Object[]>} and exactly the same reads
 * into the same Blackhole ({@link Reads}). Target: <= 1.5x at 1 row, <= 1.3x at 100. {@link HitVsFloorMegamorphic}
 * is the same with a call site that has seen several result set classes. At 1,000 rows its baseline also bounds
 * HitVsH2: no cache can read 1,000 rows faster than the floor does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HitVsFloor {

    @Param({"1", "100", "1000"})
    public int rows;

    private FloorFixture fixture;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        fixture = new FloorFixture(rows);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        fixture.close();
    }

    @Benchmark
    public void baseline(Blackhole bh) {
        Reads.readRows(fixture.floorRows(), bh);
    }

    @Benchmark
    public void querycache(Blackhole bh) throws SQLException {
        Reads.readAll(fixture.hit.executeQuery(), bh);
    }

    /** The same hit of a hint with a TTL that slides: once two Caffeine lookups, now one. */
    @Benchmark
    public void slidingTtl(Blackhole bh) throws SQLException {
        Reads.readAll(fixture.slidingHit.executeQuery(), bh);
    }
}
