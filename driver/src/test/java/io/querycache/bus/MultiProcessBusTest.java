package io.querycache.bus;

import io.querycache.cache.CacheRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G4 across processes: a second JVM ({@link BusNodeMain}) commits 1,500 updates of one row through querycache with
 * the bus while this JVM reads the row through its own cache, with a hint, as fast as it can. No read that starts
 * {@value #BOUND_MILLIS} ms after a commit returned may miss it, though the listening connections are killed twice
 * during the run. Prints p50/p99/max of the delay from the commit call to the invalidation on this node.
 */
@Tag("integration")
class MultiProcessBusTest {

    static final long BOUND_MILLIS = 1_000;
    static final int COMMITS = 1_500;
    static final long PACING_NANOS = 100_000;

    private final String cacheName = "bus_proof_" + Long.toString(System.nanoTime(), 36);
    private final String table = cacheName + "_t";

    @AfterEach
    void cleanUp() throws Exception {
        io.querycache.cache.ResultCache cache = CacheRegistry.find(cacheName);
        if (cache != null) {
            cache.close(); // stops its bus too
        }
        Buses.close(cacheName);
        try (Connection c = PostgresBusTest.open()) {
            c.createStatement().execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void overRedis() throws Exception {
        prove("redis://127.0.0.1:6379/" + cacheName, RedisBusTest::killRedisSubscriptions);
    }

    @Test
    void overPostgres() throws Exception {
        prove("postgres/" + cacheName, PostgresBusTest::killPostgresListeners);
    }

    interface Fault {
        void inject() throws Exception;
    }

    private void prove(String bus, Fault kill) throws Exception {
        try (Connection c = PostgresBusTest.open()) {
            c.createStatement().execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v bigint NOT NULL)");
            c.createStatement().execute("INSERT INTO " + table + " VALUES (1, 0)");
        }
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "");
        p.setProperty("querycache.name", cacheName);
        p.setProperty("querycache.bus", bus);
        try (Connection reader = DriverManager.getConnection("jdbc:querycache:postgresql://127.0.0.1:5432/test", p)) {
            InvalidationBus node = Buses.of(cacheName);
            Await.until("this node listening", 10_000, () -> node.statistics().getState().equals("listening"));
            ConcurrentHashMap<String, Long> appliedAt = new ConcurrentHashMap<>();
            String[] writerSender = new String[1];
            node.onApplied(m -> {
                if (m.sender().equals(writerSender[0])) {
                    appliedAt.putIfAbsent(m.id(), System.nanoTime());
                }
            });

            long[] before = new long[COMMITS + 1];
            long[] returned = new long[COMMITS + 1];
            String[] seq = new String[COMMITS + 1];
            AtomicInteger committed = new AtomicInteger();
            Process writer = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    BusNodeMain.class.getName(), bus, cacheName, table, Integer.toString(COMMITS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> writerSummary = new ArrayList<>();
            Thread stdout = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        String[] f = line.split(" ");
                        if (f[0].equals("READY")) {
                            writerSender[0] = f[1];
                        } else if (f[0].equals("C")) {
                            int i = Integer.parseInt(f[1]);
                            seq[i] = f[2];
                            before[i] = Long.parseLong(f[3]);
                            returned[i] = Long.parseLong(f[4]);
                            committed.set(i); // publishes the arrays' entries up to i
                        } else {
                            writerSummary.add(line);
                        }
                    }
                } catch (Exception e) {
                    writerSummary.add("stdout failed: " + e);
                }
            }, "writer stdout");
            stdout.start();

            long reads = 0;
            long staleAfterBound = 0;
            long staleWithinBound = 0;
            String firstStale = null;
            long bound = TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            int mustSee = 0;
            int kills = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            try (PreparedStatement read = reader.prepareStatement(
                    "/*cache:bus_proof,60*/ SELECT v FROM " + table + " WHERE id = 1")) {
                while (writer.isAlive() || committed.get() < COMMITS) {
                    assertThat(System.nanoTime()).as("the run ends in time").isLessThan(deadline);
                    int done = committed.get();
                    if (kills < 2 && done >= (kills + 1) * COMMITS / 3) {
                        kill.inject();
                        kills++;
                    }
                    long start = System.nanoTime();
                    while (mustSee < done && returned[mustSee + 1] + bound <= start) {
                        mustSee++;
                    }
                    int latest = done;
                    while (latest > 0 && returned[latest] > start) {
                        latest--;
                    }
                    long v;
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                        v = rs.getLong(1);
                    }
                    reads++;
                    if (v < mustSee) {
                        staleAfterBound++;
                        if (firstStale == null) {
                            firstStale = "read at " + start + " saw " + v + " but commit " + mustSee + " returned at "
                                    + returned[mustSee];
                        }
                    } else if (v < latest) {
                        staleWithinBound++;
                    }
                    if (!writer.isAlive() && committed.get() >= COMMITS) {
                        break;
                    }
                    // Pacing, not waiting: a reader spinning flat out on this 2-core machine would starve the
                    // listening thread, the writer and the database, and measure that instead of the bus.
                    java.util.concurrent.locks.LockSupport.parkNanos(PACING_NANOS);
                }
            }
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stdout.join(10_000);
            assertThat(writer.exitValue()).as("writer " + writerSummary).isZero();
            assertThat(committed.get()).isEqualTo(COMMITS);

            long[] delays = new long[COMMITS];
            long[] afterReturn = new long[COMMITS];
            int measured = 0;
            for (int i = 1; i <= COMMITS; i++) {
                Long at = appliedAt.get(seq[i]);
                if (at != null) {
                    afterReturn[measured] = at - returned[i];
                    delays[measured++] = at - before[i];
                }
            }
            long[] sorted = Arrays.copyOf(delays, measured);
            Arrays.sort(sorted);
            long[] sortedAfterReturn = Arrays.copyOf(afterReturn, measured);
            Arrays.sort(sortedAfterReturn);
            String report = String.format("querycache bus %s: %d commits, %d delivered to this node (the rest were"
                            + " sent while it was deaf), commit-to-invalidation p50=%.2f ms p99=%.2f ms max=%.2f ms"
                            + " (from the commit's return: p50=%.2f ms p99=%.2f ms);"
                            + " %d reads, %d stale within %d ms of the commit returning, %d after; %d kills; %s",
                    bus.startsWith("redis") ? "redis" : "postgres", COMMITS, measured, ms(sorted, 0.50),
                    ms(sorted, 0.99), ms(sorted, 1.0), ms(sortedAfterReturn, 0.50), ms(sortedAfterReturn, 0.99), reads, staleWithinBound, BOUND_MILLIS, staleAfterBound, kills,
                    node.statistics());
            System.out.println(report);
            System.err.println(report);
            assertThat(staleAfterBound).as(firstStale).isZero();
            // Enough deliveries for the percentiles. Commits sent while the node was deaf (after each kill, until it
            // listens again) are not delivered to it; on a quiet machine the writer is fast enough that those windows
            // take 600 of the 1,500 commits (916 measured once in CI), on a loaded one few.
            assertThat(measured).isGreaterThanOrEqualTo(COMMITS / 3);
            assertThat(node.statistics().getReconnects()).isGreaterThanOrEqualTo(1);
            assertThat(node.statistics().getDeafMillis()).isPositive();
            assertThat(reader.unwrap(io.querycache.QueryCache.class).stats().hits()).isPositive();
        }
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
