package io.querycache.cache;

import io.querycache.QueryCache;
import io.querycache.QueryCacheStats.BypassReason;
import io.querycache.testing.FakeTicker;
import io.querycache.testing.H2Database;
import io.querycache.testing.SlowFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.querycache.testing.H2Database.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC sections 2, 3, 4, 6 and 7 through the driver on H2. */
class CachedReadsTest {

    private H2Database db;

    @BeforeEach
    void create() throws SQLException {
        db = new H2Database("reads");
        db.execute("CREATE TABLE countries(code CHAR(2) PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France')");
    }

    private ResultCache installWithClock(FakeTicker ticker, boolean sliding) {
        ResultCache cache = new ResultCache(db.cacheName, 64 << 20, sliding, ticker);
        CacheRegistry.install(cache);
        return cache;
    }

    /** Changes the data below querycache, so only expiry (not invalidation) can reveal it. */
    private void renameBehindTheCachesBack(String name) throws SQLException {
        db.execute("UPDATE countries SET name = '" + name + "' WHERE code = 'DE'");
    }

    private static final String READ = "/*cache:countries,60*/ SELECT name FROM countries WHERE code = 'DE'";

    @Test
    void slidingExpiryRestartsOnEveryHit() throws SQLException {
        FakeTicker clock = new FakeTicker();
        installWithClock(clock, true);
        try (Connection c = db.cached()) {
            assertThat(single(c, READ)).isEqualTo("Germany");
            renameBehindTheCachesBack("Deutschland");
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(50));
                assertThat(single(c, READ)).as("hit %d keeps the entry alive", i).isEqualTo("Germany");
            }
            clock.advance(Duration.ofSeconds(61));
            assertThat(single(c, READ)).as("idle for longer than the TTL").isEqualTo("Deutschland");
        }
    }

    @Test
    void absoluteExpiryCountsFromTheLoad() throws SQLException {
        FakeTicker clock = new FakeTicker();
        installWithClock(clock, false);
        try (Connection c = db.cached()) {
            assertThat(single(c, READ)).isEqualTo("Germany");
            renameBehindTheCachesBack("Deutschland");
            clock.advance(Duration.ofSeconds(50));
            assertThat(single(c, READ)).isEqualTo("Germany");
            clock.advance(Duration.ofSeconds(11));
            assertThat(single(c, READ)).isEqualTo("Deutschland");
        }
    }

    @Test
    void anEntryFoundCurrentIsCheckedAgainAfterEveryLaterInvalidation() throws SQLException {
        ResultCache cache = installWithClock(new FakeTicker(), true);
        String forever = "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE'";
        try (Connection c = db.cached()) {
            assertThat(single(c, forever)).isEqualTo("Germany");
            renameBehindTheCachesBack("Deutschland");
            assertThat(single(c, forever)).as("found current, and remembered so").isEqualTo("Germany");
            cache.invalidate("some_other_key");
            cache.invalidateTables("some_other_table");
            assertThat(single(c, forever)).as("other names invalidated: still current").isEqualTo("Germany");
            cache.invalidateTables("countries");
            assertThat(single(c, forever)).as("its table invalidated after it was found current")
                    .isEqualTo("Deutschland");
            renameBehindTheCachesBack("Allemagne");
            cache.invalidateAll();
            assertThat(single(c, forever)).isEqualTo("Allemagne");
        }
    }

    @Test
    void noTtlLivesUntilInvalidated() throws SQLException {
        FakeTicker clock = new FakeTicker();
        ResultCache cache = installWithClock(clock, true);
        String forever = "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE'";
        try (Connection c = db.cached()) {
            assertThat(single(c, forever)).isEqualTo("Germany");
            renameBehindTheCachesBack("Deutschland");
            clock.advance(Duration.ofDays(3650));
            assertThat(single(c, forever)).isEqualTo("Germany");
            cache.invalidate("countries");
            assertThat(single(c, forever)).isEqualTo("Deutschland");
            assertThat(cache.stats().expirations).isZero();
        }
    }

    @Test
    void expiryIsCounted() throws SQLException {
        FakeTicker clock = new FakeTicker();
        ResultCache cache = installWithClock(clock, true);
        try (Connection c = db.cached()) {
            single(c, READ);
            clock.advance(Duration.ofSeconds(61));
            single(c, READ);
            assertThat(cache.stats().misses).isEqualTo(2);
            assertThat(cache.stats().expirations).isEqualTo(1);
        }
    }

    @Test
    void expiredEntriesThatNobodyReadsAreSweptOutByLaterStores() throws SQLException {
        FakeTicker clock = new FakeTicker();
        ResultCache cache = installWithClock(clock, true);
        try (Connection c = db.cached()) {
            single(c, READ);
            single(c, "/*cache:countries*/ SELECT name FROM countries WHERE code = 'FR'");
            clock.advance(Duration.ofSeconds(61));
            assertThat(cache.stats().entries).as("expired, not yet found").isEqualTo(2);
            single(c, "/*cache:countries,60*/ SELECT code FROM countries WHERE name = 'France'");
            cache.cleanUp();
            CacheCounts stats = cache.stats();
            assertThat(stats.expirations).as("the expired entry, never read again").isEqualTo(1);
            assertThat(stats.entries).as("the entry without TTL and the new one").isEqualTo(2);
            clock.advance(Duration.ofSeconds(59));
            assertThat(single(c, "/*cache:countries,60*/ SELECT code FROM countries WHERE name = 'France'"))
                    .isEqualTo("FR");
            assertThat(cache.stats().hits).as("the new entry lives its whole TTL").isEqualTo(1);
        }
    }

    @Test
    void aHitOfAHintWithoutTtlReadsNoClock() throws SQLException {
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        FakeTicker clock = new FakeTicker();
        ResultCache cache = new ResultCache(db.cacheName, 64 << 20, true, () -> {
            reads.incrementAndGet();
            return clock.read();
        });
        CacheRegistry.install(cache);
        String forever = "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE'";
        try (Connection c = db.cached()) {
            single(c, forever);
            long before = reads.get();
            for (int i = 0; i < 100; i++) {
                assertThat(single(c, forever)).isEqualTo("Germany");
            }
            assertThat(cache.stats().hits).isEqualTo(100);
            assertThat(reads.get()).as("clock reads during 100 hits of an entry that never expires")
                    .isEqualTo(before);
            single(c, READ);
            single(c, READ);
            assertThat(reads.get()).as("an entry with a TTL is checked against the clock").isGreaterThan(before);
        }
    }

    @Test
    void aTtlOfCenturiesNeverWrapsTheClock() throws SQLException {
        FakeTicker clock = new FakeTicker();
        clock.advance(Duration.ofNanos(Long.MAX_VALUE - 2_000_000_000L)); // about to wrap, as nanoTime may
        installWithClock(clock, false);
        String centuries = "/*cache:countries,53375d*/ SELECT name FROM countries WHERE code = 'DE'";
        try (Connection c = db.cached()) {
            assertThat(single(c, centuries)).isEqualTo("Germany");
            renameBehindTheCachesBack("Deutschland");
            clock.advance(Duration.ofDays(365L * 100));
            assertThat(single(c, centuries)).as("a hundred years later, past the clock's wrap").isEqualTo("Germany");
        }
    }

    @Test
    void calibrationsCountWithinMaxBytes() throws SQLException {
        long maxBytes = 200_000;
        ResultCache cache = new ResultCache(db.cacheName, maxBytes, true, new FakeTicker());
        CacheRegistry.install(cache);
        try (Connection c = db.cached()) {
            // A new text per literal: a calibration each, which alone would outgrow the entries' share.
            for (int i = 0; i < 400; i++) {
                single(c, "/*cache:countries*/ SELECT name, " + i + " AS n, 1.5 AS d FROM countries WHERE code = 'DE'");
                cache.cleanUp();
                CacheCounts stats = cache.stats();
                assertThat(stats.estimatedBytes + stats.calibrationBytes).as("entries and calibrations after %d", i)
                        .isLessThanOrEqualTo(maxBytes);
            }
            CacheCounts stats = cache.stats();
            assertThat(stats.calibrationBytes).as("calibrations take at most a quarter").isPositive()
                    .isLessThanOrEqualTo(maxBytes / 4);
            assertThat(stats.evictions).as("entries made room for them").isPositive();
        }
    }

    @Test
    void oversizedResultsAreReturnedWholeButNotCached() throws SQLException {
        db.with("querycache.maxRowsPerEntry", "100");
        try (Connection c = db.cached(); Statement s = c.createStatement()) {
            for (int round = 0; round < 2; round++) {
                try (ResultSet rs = s.executeQuery("/*cache:range*/ SELECT X, 'row' || X FROM SYSTEM_RANGE(1, 250)")) {
                    long sum = 0;
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                        sum += rs.getLong(1);
                        assertThat(rs.getString(2)).isEqualTo("row" + rs.getLong(1));
                    }
                    assertThat(rows).isEqualTo(250);
                    assertThat(sum).isEqualTo(250L * 251 / 2);
                    assertThat(rs.getStatement()).isSameAs(s);
                }
            }
            QueryCache cache = c.unwrap(QueryCache.class);
            assertThat(cache.stats().hits()).isZero();
            assertThat(cache.stats().entries()).isZero();
            assertThat(cache.stats().bypassesByReason().get(BypassReason.TOO_LARGE)).isEqualTo(2);
        }
    }

    @Test
    void resultsOverTheByteBoundAreNotCachedEither() throws SQLException {
        db.with("querycache.maxBytesPerEntry", "16k");
        try (Connection c = db.cached()) {
            String sql = "/*cache:big*/ SELECT REPEAT('x', 1000) FROM SYSTEM_RANGE(1, 50)";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                int rows = 0;
                while (rs.next()) {
                    assertThat(rs.getString(1)).hasSize(1000);
                    rows++;
                }
                assertThat(rows).isEqualTo(50);
            }
            assertThat(c.unwrap(QueryCache.class).stats().entries()).isZero();
        }
    }

    /** Runs in the surefire JVM, whose heap is 256 MiB: retaining the rows would not fit. */
    @Test
    void aMillionRowsStreamThroughAHintedQuery() throws SQLException {
        try (Connection c = db.cached(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("/*cache:million*/ SELECT X, REPEAT('y', 200) FROM SYSTEM_RANGE(1, 1000000)")) {
            long rows = 0;
            long sum = 0;
            while (rs.next()) {
                rows++;
                sum += rs.getLong(1);
            }
            assertThat(rows).isEqualTo(1_000_000);
            assertThat(sum).isEqualTo(1_000_000L * 1_000_001 / 2);
        }
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(300L << 20);
    }

    @Test
    void theWholeCacheIsBoundedByBytesWithEviction() throws SQLException {
        db.with("querycache.maxBytes", "200k");
        try (Connection c = db.cached();
             PreparedStatement ps = c.prepareStatement("/*cache:pad*/ SELECT REPEAT('z', 1000) || ?")) {
            for (int i = 0; i < 2000; i++) {
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            QueryCache cache = c.unwrap(QueryCache.class);
            assertThat(cache.stats().estimatedBytes()).isLessThanOrEqualTo(200 * 1024);
            assertThat(cache.stats().evictions()).isPositive();
        }
    }

    @Test
    void concurrentMissesRunTheQueryOnce() throws Exception {
        db.with("querycache.dependencies", "calls=>slow_count"); // what the alias reads; it writes nothing
        db.execute("CREATE TABLE calls(n INT)", "INSERT INTO calls VALUES (0)",
                "CREATE ALIAS SLOW_COUNT FOR \"io.querycache.testing.SlowFunction.count\"");
        SlowFunction.CALLS.set(0);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<String> read = () -> {
                    try (Connection c = db.cached()) {
                        start.await();
                        return single(c, "/*cache:slow*/ SELECT SLOW_COUNT() FROM countries WHERE code = 'DE'");
                    }
                };
                results.add(pool.submit(read));
            }
            start.countDown();
            for (Future<String> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo("1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(SlowFunction.CALLS.get()).as("executions of the slow query").isEqualTo(1);
    }

    @Test
    void differentDatabasesAndUsersNeverShareAnEntry() throws SQLException {
        H2Database other = new H2Database("reads-other");
        other.execute("CREATE TABLE countries(code CHAR(2) PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO countries VALUES ('DE', 'Allemagne')",
                "CREATE USER bob PASSWORD 'bobs-secret' ADMIN");
        String sql = "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE'";
        try (Connection a = java.sql.DriverManager.getConnection("jdbc:querycache:" + db.h2Url().substring(5), "sa", "");
             Connection b = java.sql.DriverManager.getConnection("jdbc:querycache:" + other.h2Url().substring(5), "sa", "");
             Connection bob = java.sql.DriverManager.getConnection("jdbc:querycache:" + other.h2Url().substring(5),
                     "bob", "bobs-secret")) {
            assertThat(single(a, sql)).isEqualTo("Germany");
            assertThat(single(b, sql)).isEqualTo("Allemagne");
            QueryCache cacheA = a.unwrap(QueryCache.class);
            QueryCache cacheB = b.unwrap(QueryCache.class);
            QueryCache cacheBob = bob.unwrap(QueryCache.class);
            assertThat(cacheA).isNotSameAs(cacheB);
            assertThat(cacheBob).isNotSameAs(cacheB);
            assertThat(cacheBob.name()).contains("user=bob").doesNotContain("bobs-secret");
            assertThat(single(bob, sql)).isEqualTo("Allemagne");
            assertThat(cacheBob.stats().hits()).as("bob's first read is his own miss").isZero();
        }
    }

    @Test
    void passwordsNeverAppearInMessagesOrLogs() throws SQLException {
        Logger logger = Logger.getLogger("io.querycache");
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try {
            db.execute("CREATE USER carol PASSWORD 'carols-secret' ADMIN");
            String url = "jdbc:querycache:" + db.h2Url().substring(5) + ";PASSWORD=carols-secret";
            try (Connection c = java.sql.DriverManager.getConnection(url, "carol", "carols-secret")) {
                single(c, "/*cache:countries*/ SELECT name FROM countries");
                c.createStatement().executeUpdate("/*cache:countries*/ UPDATE countries SET name = name");
                assertThat(c.unwrap(QueryCache.class).name()).doesNotContain("carols-secret");
            } catch (SQLException e) {
                assertThat(e.getMessage()).doesNotContain("carols-secret");
            }
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> java.sql.DriverManager.getConnection(
                    "jdbc:querycache:nosuch://carol:carols-secret@host/db?password=carols-secret"));
            assertThat(refused.getMessage()).doesNotContain("carols-secret");
            assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("carols-secret"));
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
    }

    @Test
    void malformedHintsFailBeforeTheDatabaseUnlessLenient() throws SQLException {
        try (Connection c = db.cached(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("/*cache:countries,-1*/ SELECT * FROM countries"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("/*cache:countries,-1*/")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42000");
            assertThatThrownBy(() -> c.prepareStatement("/*cache:*/ SELECT 1"))
                    .isInstanceOf(SQLSyntaxErrorException.class);
            // It failed before the database: a write with a malformed hint changed nothing.
            assertThatThrownBy(() -> s.executeUpdate("/*cache:a,,b*/ DELETE FROM countries"))
                    .isInstanceOf(SQLSyntaxErrorException.class);
            assertThat(single(c, "SELECT count(*) FROM countries")).isEqualTo("2");
        }
        db.with("querycache.strictHints", "false");
        try (Connection c = db.cached()) {
            assertThat(single(c, "/*cache:countries,60O*/ SELECT count(*) FROM countries")).isEqualTo("2");
            assertThat(single(c, "/*cache:countries,60O*/ SELECT count(*) FROM countries")).isEqualTo("2");
            QueryCache cache = c.unwrap(QueryCache.class);
            assertThat(cache.stats().hits()).isZero();
            assertThat(cache.stats().bypassesByReason().get(BypassReason.MALFORMED_HINT)).isEqualTo(2);
        }
    }

    @Test
    void volatileFunctionsWarnOnceOrFail() throws SQLException {
        Logger logger = Logger.getLogger("io.querycache");
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (Connection c = db.cached()) {
            String sql = "/*cache:clock*/ SELECT CURRENT_TIMESTAMP, name FROM countries";
            String first = single(c, sql);
            assertThat(single(c, sql)).as("cached as asked").isEqualTo(first);
            single(c, sql);
            assertThat(warnings).filteredOn(w -> w.contains("current_timestamp")).hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
        db.with("querycache.volatileFunctions", "error");
        try (Connection c = db.cached()) {
            assertThatThrownBy(() -> single(c, "/*cache:r*/ SELECT RAND() FROM countries"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("rand");
        }
    }

    @Test
    void lockingReadsAreNeverCached() throws SQLException {
        try (Connection c = db.cached()) {
            c.setAutoCommit(false);
            single(c, "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE' FOR UPDATE");
            single(c, "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE' FOR UPDATE");
            c.commit();
            QueryCache cache = c.unwrap(QueryCache.class);
            assertThat(cache.stats().hits()).isZero();
            assertThat(cache.stats().bypassesByReason().get(BypassReason.NOT_A_PURE_QUERY)).isEqualTo(2);
        }
    }
}
