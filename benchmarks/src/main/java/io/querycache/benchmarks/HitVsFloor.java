package io.querycache.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hit against the physical floor: a Caffeine lookup of a prebuilt {@code List<Object[]>} and the same reads
 * (with the same defensive copy of the timestamp a JDBC getter makes). Target: <= 2.5x at 1 row, <= 1.5x at 100.
 * At 1,000 rows its baseline also bounds HitVsH2: no cache can read 1,000 rows faster than the floor does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HitVsFloor {

    @Param({"1", "100", "1000"})
    public int rows;

    private Connection cached;
    private PreparedStatement hit;
    private Cache<String, List<Object[]>> floor;
    private final String key = "SELECT ... WHERE id <= ?";

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = Catalogue.h2();
        try (Connection raw = Catalogue.raw(url)) {
            Catalogue.create(raw, "items", 1000);
        }
        cached = Catalogue.cached(url);
        hit = cached.prepareStatement("/*cache:items*/ SELECT id, name, price, created FROM items WHERE id <= ? ORDER BY id");
        hit.setInt(1, rows);
        floor = Caffeine.newBuilder().maximumSize(100).build();
        List<Object[]> copy = new ArrayList<>();
        try (ResultSet rs = hit.executeQuery()) {
            while (rs.next()) {
                copy.add(new Object[] {rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getTimestamp(4)});
            }
        }
        floor.put(key, copy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        cached.close();
    }

    @Benchmark
    public long baseline() {
        long sum = 0;
        for (Object[] row : floor.getIfPresent(key)) {
            sum += (Integer) row[0];
            sum += ((String) row[1]).length();
            sum += ((BigDecimal) row[2]).scale();
            sum += ((Timestamp) ((Timestamp) row[3]).clone()).getNanos();
        }
        return sum;
    }

    @Benchmark
    public long querycache() throws SQLException {
        return Catalogue.readAll(hit.executeQuery());
    }
}
