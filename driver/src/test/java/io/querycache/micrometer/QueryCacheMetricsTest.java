package io.querycache.micrometer;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.querycache.QueryCache;
import io.querycache.testing.H2Database;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
    @Tag("integration")
    void aCacheWithABusGetsTheBusMeters() throws SQLException {
        String name = ServerDatabase.unique("metrics_bus");
        try (Connection c = db.with("querycache.name", name).with("querycache.bus", "redis://127.0.0.1:6379/" + name)
                .cached()) {
            QueryCache cache = c.unwrap(QueryCache.class);
            new QueryCacheMetrics(cache).bindTo(registry);
            for (String meter : new String[] {"querycache.bus.listening", "querycache.bus.reconnects",
                "querycache.bus.publish.failures", "querycache.bus.missed"}) {
                assertThat(registry.get(meter).tag("cache", name).meter()).as(meter).isNotNull();
            }
            assertThat(registry.get("querycache.bus.messages").tag("cache", name).tag("direction", "out")
                    .functionCounter().count()).isNotNegative();
            assertThat(registry.get("querycache.deaf.time").tag("cache", name).functionCounter().count())
                    .isNotNegative();
            assertThat(registry.find("querycache.feed.lag").meters()).as("no change feed").isEmpty();
            cache.close();
        }
    }

    /** The binder looks for a bus: without the optional Redis client that must still work. */
    @Test
    void bindsWithoutTheRedisClientOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains(File.separator + "redis" + File.separator)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("redis.clients.jedis.Jedis"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class.forName("org.h2.Driver", true, loader);
            Driver driver = (Driver) loader.loadClass("io.querycache.QueryCacheDriver").getDeclaredConstructor()
                    .newInstance();
            Properties p = new Properties();
            p.setProperty("querycache.name", "metrics-without-jedis");
            try (Connection c = driver.connect("jdbc:querycache:h2:mem:metricswithoutjedis", p)) {
                Class<?> queryCache = loader.loadClass("io.querycache.QueryCache");
                Class<?> meterRegistry = loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
                Object registry = loader.loadClass("io.micrometer.core.instrument.simple.SimpleMeterRegistry")
                        .getDeclaredConstructor().newInstance();
                Object binder = loader.loadClass(QueryCacheMetrics.class.getName()).getConstructor(queryCache)
                        .newInstance(c.unwrap(queryCache));
                binder.getClass().getMethod("bindTo", meterRegistry).invoke(binder, registry);
                assertThat((List<?>) meterRegistry.getMethod("getMeters").invoke(registry)).isNotEmpty();
                Object cache = c.unwrap(queryCache);
                queryCache.getMethod("close").invoke(cache);
            }
        }
    }

    @Test
    void aNullCacheIsRefused() {
        assertThatThrownBy(() -> new QueryCacheMetrics(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a cache");
    }
}
