package io.querycache.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The hit-versus-floor ratios for a machine too busy for JMH's wall-clock scores (other engineers' builds share its
 * two cores, so a fork's score mostly measures how often it was descheduled): in one JVM, after a long warm-up,
 * blocks of floor and hit operations alternate, each block timed in this thread's CPU time, which excludes the time
 * the thread waited for a core. The ratio of each adjacent pair of blocks is taken, and their median and quartiles
 * printed, with the ratio of the fastest blocks. The reads are {@link Reads}', as in {@link HitVsFloor}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.querycache.benchmarks.Interleaved mono|mega rows [pairs]
 * java -cp benchmarks/target/benchmarks.jar io.querycache.benchmarks.Interleaved miss|misspg|repopulate [pairs]</pre>
 * The misses are timed in wall time too: beside PostgreSQL, the raw query's time is mostly a wait for the server.
 * Run each shape in its own JVM: the monomorphic shape needs a reading call site only our result set reached.
 */
public final class Interleaved {

    private interface Op {
        void run(Blackhole bh) throws SQLException;
    }

    private Interleaved() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].startsWith("miss") || args[0].equals("repopulate")) {
            misses(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 200);
            return;
        }
        boolean mega = args[0].equals("mega");
        int rows = Integer.parseInt(args[1]);
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        Blackhole bh = Reads.warmingBlackhole();
        try (FloorFixture fixture = new FloorFixture(rows)) {
            Op floor;
            Op hit = b -> Reads.readAll(fixture.hit.executeQuery(), b);
            Op sliding = b -> Reads.readAll(fixture.slidingHit.executeQuery(), b);
            if (mega) {
                HitVsFloorMegamorphic.pollute(fixture, bh);
                floor = b -> Reads.readAll(new ListResultSet(fixture.floorRows()), b);
            } else {
                floor = b -> Reads.readRows(fixture.floorRows(), b);
            }
            int perBlock = Math.max(20, 40_000 / rows);
            String shape = mega ? "megamorphic" : "monomorphic";
            compare(shape + ", " + rows + " row(s), hit", hit, floor, bh, perBlock, pairs);
            if (!mega) {
                compare(shape + ", " + rows + " row(s), sliding-TTL hit", sliding, floor, bh, perBlock, pairs);
                Op expiring = b -> Reads.readRows(fixture.expiringFloor.policy().getIfPresentQuietly(FloorFixture.KEY), b);
                compare(shape + ", " + rows + " row(s), the floor in a store with per-entry expiry", expiring, floor,
                        bh, perBlock, pairs);
            }
        }
    }

    /** A miss against the raw query (H2: miss, PostgreSQL: misspg), or {@link RepopulateAfterWrite}'s two. */
    private static void misses(String mode, int pairs) throws Exception {
        Blackhole bh = Reads.warmingBlackhole();
        if (mode.equals("repopulate")) {
            RepopulateAfterWrite r = new RepopulateAfterWrite();
            r.setUp();
            try {
                compare("repopulate after a write (PostgreSQL)", r::querycache, r::baseline, bh, 5, pairs);
            } finally {
                r.tearDown();
            }
            return;
        }
        MissCost m = mode.equals("misspg") ? new MissCostPostgres() : new MissCost();
        m.setUp();
        try {
            compare(mode + ", 100 rows", b -> b.consume(m.querycache()), b -> b.consume(m.baseline()), bh, 5, pairs);
        } finally {
            m.tearDown();
        }
    }

    /** Warms both up for 10 s, then times {@code pairs} alternating blocks of each and prints the ratios. */
    private static void compare(String what, Op qc, Op floor, Blackhole bh, int perBlock, int pairs)
            throws SQLException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; ) {
            block(floor, bh, perBlock, cpu, null);
            block(qc, bh, perBlock, cpu, null);
        }
        double[] floors = new double[pairs];
        double[] qcs = new double[pairs];
        double[] floorWall = new double[pairs];
        double[] qcWall = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            floors[i] = block(floor, bh, perBlock, cpu, floorWall, i) / perBlock;
            qcs[i] = block(qc, bh, perBlock, cpu, qcWall, i) / perBlock;
            floorWall[i] /= perBlock;
            qcWall[i] /= perBlock;
        }
        report(what + " / floor, CPU time", qcs, floors);
        report(what + " / floor, wall time", qcWall, floorWall);
    }

    private static double block(Op op, Blackhole bh, int n, ThreadMXBean cpu, double[] wall) throws SQLException {
        return block(op, bh, n, cpu, wall, 0);
    }

    /** The CPU nanoseconds of {@code n} runs; their wall nanoseconds go to {@code wall[i]} unless it is null. */
    private static double block(Op op, Blackhole bh, int n, ThreadMXBean cpu, double[] wall, int i)
            throws SQLException {
        long started = System.nanoTime();
        long start = cpu.getCurrentThreadCpuTime();
        for (int k = 0; k < n; k++) {
            op.run(bh);
        }
        double used = cpu.getCurrentThreadCpuTime() - start;
        if (wall != null) {
            wall[i] = System.nanoTime() - started;
        }
        return used;
    }

    private static void report(String what, double[] qc, double[] base) {
        double[] ratios = new double[qc.length];
        for (int i = 0; i < qc.length; i++) {
            ratios[i] = qc[i] / base[i];
        }
        Arrays.sort(ratios);
        double fastestQc = Arrays.stream(qc).min().orElse(Double.NaN);
        double fastestBase = Arrays.stream(base).min().orElse(Double.NaN);
        System.out.printf("%s: median %.2f (quartiles %.2f-%.2f) over %d pairs of blocks; fastest blocks %.1f / %.1f"
                        + " ns = %.2f; median ns/op %.1f / %.1f%n", what, ratios[ratios.length / 2],
                ratios[ratios.length / 4], ratios[3 * ratios.length / 4], ratios.length, fastestQc, fastestBase,
                fastestQc / fastestBase, median(qc), median(base));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
