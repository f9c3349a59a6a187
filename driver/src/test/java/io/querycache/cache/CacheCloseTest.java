package io.querycache.cache;

import io.querycache.QueryCache;
import io.querycache.QueryCacheDriver;
import io.querycache.testing.BlockingFunction;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

import static io.querycache.testing.H2Database.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** SPEC 13: what {@link QueryCache#close()} promises, one test per promise. */
class CacheCloseTest {

    private static final String READ = "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE'";

    private H2Database db;

    @BeforeEach
    void create() throws SQLException {
        db = new H2Database("close");
        db.execute("CREATE TABLE countries(code CHAR(2) PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France')");
    }

    private void renameBehindTheCachesBack(String name) throws SQLException {
        db.execute("UPDATE countries SET name = '" + name + "' WHERE code = 'DE'");
    }

    /** The cache, after a connection that stored READ in it has closed. */
    private QueryCache cacheHoldingTheRead() throws SQLException {
        try (Connection c = db.cached()) {
            single(c, READ);
            return c.unwrap(QueryCache.class);
        }
    }

    private boolean mbeanRegistered() throws Exception {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(
                new ObjectName("io.querycache:type=QueryCache,name=" + ObjectName.quote(db.cacheName)));
    }

    @Test
    void closeDropsTheEntriesUnregistersTheMBeanAndLeavesTheRegistry() throws Exception {
        try (Connection c = db.cached()) {
            QueryCache cache = c.unwrap(QueryCache.class);
            single(c, READ);
            assertThat(cache.stats().entries()).isEqualTo(1);
            assertThat(mbeanRegistered()).isTrue();

            cache.close();

            assertThat(cache.stats().entries()).isZero();
            assertThat(mbeanRegistered()).isFalse();
            assertThat(QueryCacheDriver.cache(db.cacheName)).isNull();
        }
    }

    @Test
    void openConnectionsPassThroughAfterClose() throws SQLException {
        try (Connection c = db.cached()) {
            PreparedStatement preparedBefore = c.prepareStatement(READ);
            QueryCache cache = c.unwrap(QueryCache.class);
            single(c, READ);
            cache.close();
            long hitsAndMisses = cache.stats().hits() + cache.stats().misses();

            renameBehindTheCachesBack("Deutschland");
            assertThat(single(c, READ)).as("a statement prepared after close").isEqualTo("Deutschland");
            try (ResultSet rs = preparedBefore.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("a statement prepared before close").isEqualTo("Deutschland");
            }
            renameBehindTheCachesBack("Allemagne");
            assertThat(single(c, READ)).as("nothing was stored").isEqualTo("Allemagne");
            assertThatCode(() -> single(c, "/*cache:*/ SELECT 1")).as("hints are ignored, even malformed ones")
                    .doesNotThrowAnyException();
            c.createStatement().executeUpdate("/*cache:countries*/ UPDATE countries SET name = 'X' WHERE code = 'FR'");
            assertThat(cache.stats().hits() + cache.stats().misses()).isEqualTo(hitsAndMisses);
            assertThat(cache.stats().entries()).isZero();
            preparedBefore.close();
        }
    }

    @Test
    void aLoadInFlightWhenTheCacheClosesStoresNothing() throws Exception {
        db.execute("CREATE ALIAS HOLD FOR \"io.querycache.testing.BlockingFunction.hold\"");
        BlockingFunction.reset();
        String slowRead = "/*cache:countries*/ SELECT name, HOLD() FROM countries WHERE code = 'DE'";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection reader = db.cached()) {
            ResultCache cache = CacheRegistry.behind(reader.unwrap(QueryCache.class));
            Future<String> load = pool.submit(() -> single(reader, slowRead));
            assertThat(BlockingFunction.started.await(10, TimeUnit.SECONDS)).isTrue();
            cache.close();
            BlockingFunction.release.countDown();
            assertThat(load.get(10, TimeUnit.SECONDS)).isEqualTo("Germany");
            assertThat(cache.stats().entries).as("the load's result was not stored").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLaterConnectionWithTheSameNameCreatesAFreshCache() throws Exception {
        QueryCache first = cacheHoldingTheRead();
        first.close();
        renameBehindTheCachesBack("Deutschland");
        try (Connection c = db.cached()) {
            QueryCache second = c.unwrap(QueryCache.class);
            assertThat(second).isNotSameAs(first);
            assertThat(QueryCacheDriver.cache(db.cacheName)).isSameAs(second);
            assertThat(mbeanRegistered()).isTrue();
            assertThat(single(c, READ)).isEqualTo("Deutschland");
            assertThat(single(c, READ)).isEqualTo("Deutschland");
            assertThat(second.stats().hits()).as("the fresh cache caches").isEqualTo(1);

            first.close();
            assertThat(mbeanRegistered()).as("closing the old cache again leaves the new one's MBean").isTrue();
            second.close();
        }
    }

    @Test
    void closingTheLastConnectionDoesNotCloseTheCache() throws SQLException {
        QueryCache cache = cacheHoldingTheRead();
        renameBehindTheCachesBack("Deutschland");
        try (Connection c = db.cached()) {
            assertThat(c.unwrap(QueryCache.class)).isSameAs(cache);
            assertThat(single(c, READ)).as("served from the entry the closed connection stored").isEqualTo("Germany");
        }
        assertThat(cache.stats().hits()).isEqualTo(1);
    }

    @Test
    void closeIsIdempotentAndItsCallsDoNothingAfterwards() throws SQLException {
        try (Connection c = db.cached()) {
            QueryCache cache = c.unwrap(QueryCache.class);
            cache.close();
            assertThatCode(() -> {
                cache.close();
                cache.invalidate("countries");
                cache.invalidateTables("countries");
                cache.invalidateAll();
            }).doesNotThrowAnyException();
            assertThat(cache.stats().invalidations()).isZero();
        }
    }

    @Test
    void tryWithResourcesClosesTheCache() throws SQLException {
        QueryCache cache;
        try (Connection c = db.cached(); QueryCache closing = c.unwrap(QueryCache.class)) {
            cache = closing;
            single(c, READ);
        }
        assertThat(CacheRegistry.behind(cache).isClosed()).isTrue();
    }
}
