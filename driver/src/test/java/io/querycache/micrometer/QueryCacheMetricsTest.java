package io.querycache.micrometer;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.querycache.QueryCache;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static io.querycache.testing.H2Database.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Micrometer binder on H2: each meter moves with the statistic it shows. */
class QueryCacheMetricsTest {

    private static final String READ = "/*cache:items*/ SELECT name FROM items WHERE id = ?";

    private H2Database db;
    private MeterRegistry registry;

    @BeforeEach
    void create() throws SQLException {
        db = new H2Database("metrics");
        db.execute("CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(40))", "INSERT INTO items VALUES (1, 'one')");
        registry = new SimpleMeterRegistry();
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tag("cache", db.cacheName).tags(tags).functionCounter().count();
    }

    private double gauge(String name) {
        return registry.get(name).tag("cache", db.cacheName).gauge().value();
    }

    @Test
    void metersFollowHitsMissesLoadsBypassesAndInvalidations() throws SQLException {
        try (Connection c = db.cached(); Statement s = c.createStatement()) {
            QueryCache cache = c.unwrap(QueryCache.class);
            new QueryCacheMetrics(cache, Tags.of("app", "test")).bindTo(registry);
            assertThat(counter("querycache.gets", "result", "hit")).isZero();

            single(c, READ, 1);
            single(c, READ, 1);
            single(c, READ, 1);
            assertThat(counter("querycache.gets", "result", "hit")).isEqualTo(2);
            assertThat(counter("querycache.gets", "result", "miss")).isEqualTo(1);
            FunctionTimer loads = registry.get("querycache.loads").tag("cache", db.cacheName).functionTimer();
            assertThat(loads.count()).isEqualTo(1);
            assertThat(loads.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(gauge("querycache.entries")).isEqualTo(1);
            assertThat(gauge("querycache.size")).isEqualTo(cache.stats().estimatedBytes()).isPositive();
            assertThat(registry.get("querycache.size").gauge().getId().getBaseUnit()).isEqualTo("bytes");

            s.executeUpdate("/*cache:items*/ UPDATE items SET name = 'uno' WHERE id = 1");
            assertThat(counter("querycache.invalidations", "kind", "key")).isEqualTo(1);
            assertThat(counter("querycache.invalidations", "kind", "table")).isEqualTo(1);
            cache.invalidateAll();
            assertThat(counter("querycache.invalidations", "kind", "full")).isEqualTo(1);
            assertThat(gauge("querycache.entries")).isZero();

            try (PreparedStatement forUpdate = c.prepareStatement("/*cache:items*/ SELECT name FROM items FOR UPDATE")) {
                forUpdate.executeQuery().close();
            }
            assertThat(counter("querycache.bypasses", "reason", "not_a_pure_query")).isEqualTo(1);
            assertThat(counter("querycache.bypasses", "reason", "too_large")).isZero();
            assertThat(gauge("querycache.deaf")).isZero();
        }
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTag("cache")).isEqualTo(db.cacheName);
            assertThat(meter.getId().getTag("app")).isEqualTo("test");
            assertThat(meter.getId().getName()).startsWith("querycache.").doesNotStartWith("querycache.bus")
                    .doesNotStartWith("querycache.feed");
        }
    }

    @Test
    void aClosedCacheKeepsItsLastCounters() throws SQLException {
        QueryCache cache;
        try (Connection c = db.cached()) {
            cache = c.unwrap(QueryCache.class);
            new QueryCacheMetrics(cache).bindTo(registry);
            single(c, READ, 1);
            single(c, READ, 1);
        }
        cache.close();
        assertThat(counter("querycache.gets", "result", "hit")).isEqualTo(1);
        assertThat(gauge("querycache.entries")).isZero();
    }

    @Test
    void aNullCacheIsRefused() {
        assertThatThrownBy(() -> new QueryCacheMetrics(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a cache");
    }
}
