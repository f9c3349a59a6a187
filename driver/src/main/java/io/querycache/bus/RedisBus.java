package io.querycache.bus;

import io.querycache.config.BusAddress;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bus over Redis pub/sub (Jedis). One thread holds the subscription: the cache hears from the moment Redis
 * confirms the SUBSCRIBE and is deaf from the moment the connection fails (a ping every second, and a read
 * timeout of three, notice a connection that died silently) until a new subscription is confirmed. Publishing
 * uses a second connection, one round trip per set, in order.
 */
final class RedisBus implements InvalidationBus {

    private static final Logger LOG = Logger.getLogger("io.querycache");
    private static final int PING_MILLIS = 1_000;
    private static final int SILENCE_MILLIS = 3_000;
    private static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private final ResultCache cache;
    private final BusAddress address;
    private final String sender = SenderIds.next();
    private final BusStatistics statistics;
    private final InvalidationReceiver receiver;
    private final Outbox outbox;
    private final RedisPublisher publisher;
    private final Backoff backoff = new Backoff();
    private final Subscription subscription = new Subscription();
    private final ScheduledExecutorService ticker;
    private final Thread listener;
    private volatile boolean closed;
    private volatile Jedis listening;

    RedisBus(ResultCache cache, BusAddress address) {
        this.cache = cache;
        this.address = address;
        this.statistics = new BusStatistics(cache, address);
        this.receiver = new InvalidationReceiver(cache, sender, statistics);
        this.publisher = new RedisPublisher(address, clientConfig(address, 0));
        this.outbox = new Outbox(cache.name(), sender, MAX_PAYLOAD_BYTES, publisher, statistics);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "querycache-bus-tick " + cache.name()));
        this.listener = daemon(this::listen, "querycache-bus " + cache.name());
    }

    // ssl(boolean) is deprecated for sslOptions(SslOptions), which verifies differently; rediss:// keeps the
    // JDK's default socket factory and host check until that change is made, and tested, on purpose.
    @SuppressWarnings("deprecation")
    static JedisClientConfig clientConfig(BusAddress address, int blockingMillis) {
        return DefaultJedisClientConfig.builder()
                .user(address.user())
                .password(address.password())
                .ssl(address.tls())
                .connectionTimeoutMillis(1_000)
                .socketTimeoutMillis(2_000)
                .blockingSocketTimeoutMillis(blockingMillis)
                .clientName("querycache-bus")
                .build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        cache.deafUntilStarted(this, "not yet subscribed to " + address);
        listener.start();
        ticker.scheduleWithFixedDelay(this::tick, PING_MILLIS, PING_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void listen() {
        while (!closed) {
            String why;
            try (Jedis jedis = new Jedis(new HostAndPort(address.host(), address.port()),
                    clientConfig(address, SILENCE_MILLIS))) {
                listening = jedis;
                jedis.subscribe(subscription, address.channel());
                why = "unsubscribed";
            } catch (RuntimeException e) {
                why = e.toString();
            } finally {
                listening = null;
            }
            if (closed) {
                return;
            }
            statistics.state("deaf: " + why);
            cache.deaf(this, "lost its subscription to " + address + ": " + why);
            statistics.reconnects.increment();
            pause(backoff.nextMillis());
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void tick() {
        try {
            if (subscription.isSubscribed()) {
                subscription.ping();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "querycache " + cache.name() + ": bus ping failed", e);
        }
        outbox.payDebt();
    }

    private final class Subscription extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            backoff.reset();
            receiver.subscribed();
            statistics.state("listening");
            cache.hears(RedisBus.this);
        }

        @Override
        public void onMessage(String channel, String message) {
            receiver.received(message);
        }
    }

    @Override
    public void publish(Footprint footprint) {
        outbox.send(footprint);
    }

    @Override
    public void publishFlush() {
        outbox.sendFlush();
    }

    @Override
    public boolean beforeCommit(Connection committing, Footprint footprint) {
        // Redis is outside the transaction: the set is published once the commit returned.
        return false;
    }

    @Override
    public String senderId() {
        return sender;
    }

    @Override
    public BusStatistics statistics() {
        return statistics;
    }

    @Override
    public void onApplied(Consumer<InvalidationMessage> listener) {
        receiver.onApplied(listener);
    }

    @Override
    public String lastMessageId() {
        return outbox.lastMessageId();
    }

    @Override
    public void close() {
        closed = true;
        statistics.state("closed");
        cache.deaf(this, "its bus was closed");
        ticker.shutdownNow();
        Jedis jedis = listening;
        if (jedis != null) {
            try {
                jedis.disconnect();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "querycache " + cache.name() + ": closing the bus", e);
            }
        }
        listener.interrupt();
        publisher.close();
    }

    /** The publishing connection: opened on demand, and after a failure not tried again before the backoff. */
    private static final class RedisPublisher implements Outbox.Transport {
        private final BusAddress address;
        private final JedisClientConfig config;
        private final Backoff backoff = new Backoff();
        private Jedis jedis;
        private long retryAt;

        RedisPublisher(BusAddress address, JedisClientConfig config) {
            this.address = address;
            this.config = config;
        }

        @Override
        public synchronized void publish(List<String> payloads) throws Exception {
            if (jedis == null) {
                if (System.nanoTime() - retryAt < 0) {
                    throw new IllegalStateException("the bus " + address + " is down; retrying later");
                }
                jedis = new Jedis(new HostAndPort(address.host(), address.port()), config);
            }
            try {
                for (String payload : payloads) {
                    jedis.publish(address.channel(), payload);
                }
                backoff.reset();
            } catch (RuntimeException e) {
                close();
                retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.nextMillis());
                throw e;
            }
        }

        synchronized void close() {
            if (jedis != null) {
                try {
                    jedis.close();
                } catch (RuntimeException e) {
                    // already broken
                }
                jedis = null;
            }
        }
    }
}
