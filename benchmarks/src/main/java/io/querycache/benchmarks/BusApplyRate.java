package io.querycache.benchmarks;

import io.querycache.cache.ResultCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * How fast a querycache node applies what other nodes publish on a Redis bus, in messages per second. A cache name
 * maps to one cache per process and a node skips its own sender id, so a second node is played by a Jedis client
 * that publishes hand-written messages in the documented format ({@code qc1}, cache, a foreign sender id,
 * consecutive sequence numbers, one key and one table each). Each invocation pipelines {@value #BATCH} messages
 * and waits until the node has applied the last ({@code QueryCacheStats.busInvalidations}).
 * {@code baseline}: the same messages on another channel to a bare {@link JedisPubSub} that only counts them: the
 * rate Redis and Jedis deliver at on this machine, the ceiling of any subscriber. Needs Redis on loopback.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BusApplyRate {

    static final int BATCH = 1000;

    /** A publisher playing another node: its own sender id and sequence numbers. */
    public abstract static class Publisher {
        final String channel = "qc_bench_apply_" + getClass().getSimpleName() + "_" + ProcessHandle.current().pid();
        final String cacheName = "bus-apply-" + ProcessHandle.current().pid();
        private final String sender = String.format("%016x", ThreadLocalRandom.current().nextLong());
        private Jedis jedis;
        private long seq;
        /** Batches cut short because the subscriber's connection was lost meanwhile (someone's CLIENT KILL). */
        long interruptedBatches;

        /** Counts the subscriber's lost connections: a batch that spans one cannot complete. */
        abstract long reconnects();

        /** Whether the subscriber listens now (after a lost connection, not until it subscribed again). */
        abstract boolean listening();

        void open() {
            Catalogue.requireRedis();
            jedis = new Jedis("127.0.0.1", 6379);
        }

        /** Publishes a batch and waits until {@code applied} has grown by it; fails after 10 s. */
        int publishAndAwait(LongSupplier applied) {
            long ready = System.nanoTime() + 10_000_000_000L;
            while (!listening()) {
                if (System.nanoTime() > ready) {
                    throw new IllegalStateException("BusApplyRate: the subscriber is not listening after 10 s");
                }
                LockSupport.parkNanos(1_000_000);
            }
            long target = applied.getAsLong() + BATCH;
            long reconnects = reconnects();
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < BATCH; i++) {
                seq++;
                p.publish(channel, "qc1\ncache=" + cacheName + "\nsender=" + sender + "\nseq=" + seq
                        + "\nk=items\nt=items\n");
            }
            p.sync();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (applied.getAsLong() < target) {
                if (reconnects() != reconnects) {
                    interruptedBatches++;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("BusApplyRate: " + (target - applied.getAsLong())
                            + " of " + BATCH + " messages not applied after 10 s");
                }
                LockSupport.parkNanos(20_000);
            }
            return BATCH;
        }

        void closePublisher() {
            if (jedis != null) {
                jedis.close();
            }
        }
    }

    /** A querycache node (H2 in memory, one cached hinted entry) on a Redis bus. */
    @State(Scope.Thread)
    public static class Node extends Publisher {
        private Connection cached;
        private ResultCache cache;
        private long appliedBefore;

        @Setup(Level.Trial)
        public void setUp() throws SQLException, InterruptedException {
            open();
            String url = Catalogue.h2();
            try (Connection raw = Catalogue.raw(url)) {
                Catalogue.create(raw, "items", 100);
                cached = Catalogue.cached(url, "querycache.name", cacheName,
                        "querycache.bus", "redis://127.0.0.1:6379/" + channel);
                Catalogue.awaitBusListening(cacheName);
                cache = Catalogue.awaitHearing(cacheName);
                try (PreparedStatement ps = cached.prepareStatement("/*cache:items*/ SELECT * FROM items WHERE id = 1")) {
                    Catalogue.readAll(ps.executeQuery());
                }
            }
            appliedBefore = cache.stats().busInvalidations;
        }

        long applied() {
            return cache.stats().busInvalidations;
        }

        @Override
        long reconnects() {
            return io.querycache.bus.Buses.of(cacheName).statistics().getReconnects();
        }

        @Override
        boolean listening() {
            return !cache.isDeaf();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            if (cache != null) {
                var stats = io.querycache.bus.Buses.of(cacheName).statistics();
                System.out.println("BusApplyRate: applied " + (applied() - appliedBefore) + ", batches cut by a lost"
                        + " connection " + interruptedBatches + "; " + stats);
                if (stats.getMissedMessages() > 0) {
                    throw new IllegalStateException("BusApplyRate: the node missed messages (it flushed): " + stats);
                }
                cached.close();
            }
            closePublisher();
        }
    }

    /** A bare Jedis subscriber that counts what it receives. */
    @State(Scope.Thread)
    public static class Bare extends Publisher {
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong lost = new AtomicLong();
        private volatile boolean running = true;
        private volatile JedisPubSub subscription;
        private volatile boolean subscribed;
        private Thread listener;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            open();
            listener = new Thread(() -> {
                while (running) {
                    JedisPubSub pubSub = new JedisPubSub() {
                        @Override
                        public void onSubscribe(String c, int n) {
                            subscribed = true;
                        }

                        @Override
                        public void onMessage(String c, String message) {
                            received.incrementAndGet();
                        }
                    };
                    subscription = pubSub;
                    try (Jedis j = new Jedis("127.0.0.1", 6379)) {
                        j.subscribe(pubSub, channel);
                    } catch (RuntimeException e) {
                        subscribed = false;
                        if (running) {
                            lost.incrementAndGet();
                            System.out.println("BusApplyRate: the bare subscriber lost its connection: " + e);
                            LockSupport.parkNanos(100_000_000);
                        }
                    }
                }
            }, "bare-subscriber");
            listener.setDaemon(true);
            listener.start();
        }

        @Override
        long reconnects() {
            return lost.get();
        }

        @Override
        boolean listening() {
            return subscribed;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            running = false;
            System.out.println("BusApplyRate: bare subscriber received " + received.get() + ", lost connections "
                    + lost.get() + ", batches cut by a lost connection " + interruptedBatches);
            if (subscription != null && subscription.isSubscribed()) {
                subscription.unsubscribe();
                listener.join(5000);
            }
            closePublisher();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int baseline(Bare bare) {
        return bare.publishAndAwait(bare.received::get);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int querycache(Node node) {
        return node.publishAndAwait(node::applied);
    }
}
