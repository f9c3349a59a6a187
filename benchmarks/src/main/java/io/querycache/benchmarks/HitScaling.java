package io.querycache.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** Hit throughput with two threads against one (each thread its own connection, one shared cache). Target >= 1.7x. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HitScaling {
    // Also measured: floorOneThread and floorTwoThreads, the same reads without JDBC, which tell how far two
    // threads can scale on this machine at all (its two vCPUs are shared).

    @State(Scope.Benchmark)
    public static class Shared {
        String url;
        String cacheName = "scaling-" + System.nanoTime();

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            url = Catalogue.h2();
            try (Connection raw = Catalogue.raw(url)) {
                Catalogue.create(raw, "items", 100);
            }
        }
    }

    @State(Scope.Thread)
    public static class PerThread {
        Connection cached;
        PreparedStatement hit;

        @Setup(Level.Trial)
        public void setUp(Shared shared) throws SQLException {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", "sa");
            p.setProperty("querycache.name", shared.cacheName);
            cached = java.sql.DriverManager.getConnection("jdbc:querycache:" + shared.url, p);
            hit = cached.prepareStatement("/*cache:items*/ SELECT id, name, price, created FROM items WHERE id <= 10");
            Catalogue.readAll(hit.executeQuery());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            cached.close();
        }
    }

    /** The same reads from a prebuilt list in a shared Caffeine cache: how far this machine scales at all. */
    @State(Scope.Benchmark)
    public static class Floor {
        final com.github.benmanes.caffeine.cache.Cache<String, java.util.List<Object[]>> cache =
                com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100).build();

        @Setup(Level.Trial)
        public void setUp(Shared shared) throws SQLException {
            java.util.List<Object[]> rows = new java.util.ArrayList<>();
            try (Connection raw = Catalogue.raw(shared.url);
                 java.sql.ResultSet rs = raw.createStatement().executeQuery(
                         "SELECT id, name, price, created FROM items WHERE id <= 10")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getTimestamp(4)});
                }
            }
            cache.put("items", rows);
        }

        long read() {
            long sum = 0;
            for (Object[] row : cache.getIfPresent("items")) {
                sum += (Integer) row[0];
                sum += ((String) row[1]).length();
                sum += ((java.math.BigDecimal) row[2]).scale();
                sum += ((java.sql.Timestamp) ((java.sql.Timestamp) row[3]).clone()).getNanos();
            }
            return sum;
        }
    }

    @Benchmark
    @Threads(1)
    public long floorOneThread(Floor floor) {
        return floor.read();
    }

    @Benchmark
    @Threads(2)
    public long floorTwoThreads(Floor floor) {
        return floor.read();
    }

    @Benchmark
    @Threads(1)
    public long baseline(PerThread t) throws SQLException {
        return Catalogue.readAll(t.hit.executeQuery());
    }

    @Benchmark
    @Threads(2)
    public long querycache(PerThread t) throws SQLException {
        return Catalogue.readAll(t.hit.executeQuery());
    }
}
