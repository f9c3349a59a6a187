package io.querycache.benchmarks;

import io.querycache.QueryCacheDriver;
import io.querycache.QueryCacheStats;
import io.querycache.cache.ResultCache;
import io.querycache.feed.ChangeFeed;
import io.querycache.feed.ChangeFeeds;
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
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hinted one-row hit on PostgreSQL through a cache with {@code querycache.changeFeed=replication} while a
 * background thread commits single-row UPDATEs to another table as fast as one raw pgjdbc connection can
 * ({@code querycache}), against the same hit with no feed and no writer ({@code baseline}). {@code writerNoFeed}:
 * the writer without the feed, to tell the feed's cost from the writer's (and the server's) share of this machine's
 * cores. The feed invalidates only the tables written, so the hit must stay a hit: tearDown fails the trial when
 * fewer than 99% of the reads were hits, or when the feed saw none of the writer's commits. Needs PostgreSQL with
 * {@code wal_level=logical} and a superuser {@code postgres} on loopback.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HitUnderFeed {

    public abstract static class Reader {
        private final boolean feed;
        private final boolean writer;
        private final String name = "underfeed-" + getClass().getSimpleName() + "-" + ProcessHandle.current().pid();
        private final String readTable = "qc_uf_read_" + ProcessHandle.current().pid();
        private final String writeTable = "qc_uf_write_" + ProcessHandle.current().pid();
        private final AtomicLong writes = new AtomicLong();
        private volatile boolean running;
        private Thread writerThread;
        private volatile Throwable writerFailure;
        private Connection raw;
        private Connection cached;
        private ResultCache cache;
        private QueryCacheStats before;
        private long feedTransactionsBefore;
        PreparedStatement hit;

        Reader(boolean feed, boolean writer) {
            this.feed = feed;
            this.writer = writer;
        }

        @Setup(Level.Trial)
        public void setUp() throws SQLException, InterruptedException {
            Catalogue.requirePostgres();
            Catalogue.ensureFeedDatabase();
            raw = Catalogue.raw(Catalogue.FEED_URL);
            Catalogue.create(raw, readTable, 100);
            try (Statement s = raw.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + writeTable);
                s.execute("CREATE TABLE " + writeTable + " (id INT PRIMARY KEY, n BIGINT NOT NULL)");
                s.execute("INSERT INTO " + writeTable + " SELECT g, 0 FROM generate_series(1, 100) g");
            }
            cached = feed
                    ? Catalogue.cached(Catalogue.FEED_URL, "querycache.name", name,
                            "querycache.changeFeed", "replication")
                    : Catalogue.cached(Catalogue.FEED_URL, "querycache.name", name);
            cache = Catalogue.awaitHearing(name);
            if (writer) {
                running = true;
                writerThread = new Thread(this::write, "HitUnderFeed-writer");
                writerThread.setDaemon(true);
                writerThread.start();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (writes.get() < 50 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            if (feed) {
                cache = Catalogue.awaitHearing(name);
                feedTransactionsBefore = feed().stats().transactions();
            }
            hit = cached.prepareStatement("/*cache:items*/ SELECT id, name, price, created FROM " + readTable
                    + " WHERE id = ?");
            hit.setInt(1, 42);
            Catalogue.readAll(hit.executeQuery());
            before = QueryCacheDriver.cache(name).stats();
        }

        private ChangeFeed feed() {
            return ChangeFeeds.of(cache);
        }

        private void write() {
            try (Connection c = Catalogue.raw(Catalogue.FEED_URL);
                    PreparedStatement ps = c.prepareStatement("UPDATE " + writeTable + " SET n = n + 1 WHERE id = ?")) {
                int id = 0;
                while (running) {
                    id = id % 100 + 1;
                    ps.setInt(1, id);
                    ps.executeUpdate();
                    writes.incrementAndGet();
                }
            } catch (Throwable e) {
                writerFailure = e;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException, InterruptedException {
            try {
                if (writerThread != null) {
                    running = false;
                    writerThread.join(10_000);
                }
                if (cache != null) {
                    QueryCacheStats after = QueryCacheDriver.cache(name).stats();
                    long hits = after.hits() - before.hits();
                    long misses = after.misses() - before.misses();
                    long bypasses = after.bypasses() - before.bypasses();
                    long reads = hits + misses + bypasses;
                    String report = "HitUnderFeed " + name + ": hits=" + hits + " misses=" + misses + " bypasses="
                            + bypasses + " writes=" + writes.get()
                            + (feed ? " feedTransactions=" + (feed().stats().transactions() - feedTransactionsBefore)
                                    + " feed=" + feed().stats() : "");
                    System.out.println(report);
                    if (writerFailure != null) {
                        throw new IllegalStateException("HitUnderFeed: the writer failed: " + writerFailure, writerFailure);
                    }
                    if (hits == 0 || hits < reads * 0.99) {
                        throw new IllegalStateException("HitUnderFeed: the hit did not stay a hit: " + report);
                    }
                    if (writer && writes.get() == 0) {
                        throw new IllegalStateException("HitUnderFeed: the writer wrote nothing: " + report);
                    }
                    if (feed && feed().stats().transactions() == feedTransactionsBefore) {
                        throw new IllegalStateException("HitUnderFeed: the feed saw none of the writes: " + report);
                    }
                }
            } finally {
                if (raw != null) {
                    cached.close();
                    try (Statement s = raw.createStatement()) {
                        s.execute("DROP TABLE IF EXISTS " + readTable);
                        s.execute("DROP TABLE IF EXISTS " + writeTable);
                    }
                    raw.close();
                }
            }
        }
    }

    @State(Scope.Thread)
    public static class Plain extends Reader {
        public Plain() {
            super(false, false);
        }
    }

    @State(Scope.Thread)
    public static class WriterOnly extends Reader {
        public WriterOnly() {
            super(false, true);
        }
    }

    @State(Scope.Thread)
    public static class UnderFeed extends Reader {
        public UnderFeed() {
            super(true, true);
        }
    }

    @Benchmark
    public long baseline(Plain state) throws SQLException {
        return Catalogue.readAll(state.hit.executeQuery());
    }

    @Benchmark
    public long writerNoFeed(WriterOnly state) throws SQLException {
        return Catalogue.readAll(state.hit.executeQuery());
    }

    @Benchmark
    public long querycache(UnderFeed state) throws SQLException {
        return Catalogue.readAll(state.hit.executeQuery());
    }
}
