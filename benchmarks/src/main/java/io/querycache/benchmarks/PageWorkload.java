package io.querycache.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A catalogue page on PostgreSQL through a HikariCP pool: five hinted reference queries and one unhinted
 * query; one page in a hundred also writes a tagged update. Against the same pages without querycache.
 * Target: >= 4x pages per second. Needs the server.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class PageWorkload {

    private HikariDataSource raw;
    private HikariDataSource cached;
    private String table;
    private int page;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Catalogue.requirePostgres();
        table = "qc_page_" + ProcessHandle.current().pid();
        try (Connection c = Catalogue.raw(Catalogue.POSTGRES_URL)) {
            Catalogue.create(c, table, 500);
        }
        raw = pool("jdbc:" + Catalogue.POSTGRES_URL, null);
        cached = pool("jdbc:querycache:" + Catalogue.POSTGRES_URL, "page-" + System.nanoTime());
    }

    private static HikariDataSource pool(String url, String cacheName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        if (cacheName != null) {
            config.setDriverClassName("io.querycache.QueryCacheDriver");
            config.addDataSourceProperty("querycache.name", cacheName);
        }
        return new HikariDataSource(config);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (raw != null) {
            try (Connection c = raw.getConnection()) {
                c.createStatement().execute("DROP TABLE IF EXISTS " + table);
            }
            raw.close();
            cached.close();
        }
    }

    private long render(HikariDataSource pool) throws SQLException {
        long sum = 0;
        page++;
        try (Connection c = pool.getConnection()) {
            for (int q = 0; q < 5; q++) {
                try (PreparedStatement ps = c.prepareStatement("/*cache:reference" + q + "*/ SELECT id, name, price,"
                        + " created FROM " + table + " WHERE id % 5 = ? ORDER BY id LIMIT 20")) {
                    ps.setInt(1, q);
                    sum += Catalogue.readAll(ps.executeQuery());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, price, created FROM " + table
                    + " WHERE id = ?")) {
                ps.setInt(1, page % 500 + 1);
                sum += Catalogue.readAll(ps.executeQuery());
            }
            if (page % 100 == 0) {
                try (PreparedStatement ps = c.prepareStatement("/*cache:reference" + (page / 100 % 5) + "*/ UPDATE "
                        + table + " SET price = price WHERE id = ?")) {
                    ps.setInt(1, page % 500 + 1);
                    ps.executeUpdate();
                }
            }
        }
        return sum;
    }

    @Benchmark
    public long baseline() throws SQLException {
        return render(raw);
    }

    @Benchmark
    public long querycache() throws SQLException {
        return render(cached);
    }
}
