package io.querycache.bus;

import io.querycache.cache.ResultCache;
import io.querycache.config.BusAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class RedisBusTest extends TwoNodesTest {

    static final String REDIS = "redis://127.0.0.1:6379/";

    @Override
    protected InvalidationBus start(ResultCache cache) {
        RedisBus bus = new RedisBus(cache, BusAddress.parse(REDIS + channel));
        Buses.wire(cache, bus);
        bus.start();
        return bus;
    }

    @Override
    protected void killListeners() {
        killRedisSubscriptions();
    }

    static void killRedisSubscriptions() {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
        }
    }

    @Test
    void aBusThatIsDownAtStartLeavesTheCacheDeafAndCommitsGoOn() {
        ResultCache cache = new ResultCache("app", 1 << 20, true, new io.querycache.testing.FakeTicker());
        RedisBus bus = new RedisBus(cache, BusAddress.parse("redis://127.0.0.1:1/" + channel));
        Buses.wire(cache, bus);
        bus.start();
        try {
            long t0 = System.nanoTime();
            cache.invalidateTables("orders");
            cache.invalidateTables("orders");
            assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
            assertThat(cache.isDeaf()).isTrue();
            assertThat(bus.statistics().getPublishFailures()).isEqualTo(2);
            Await.until("a reconnection attempt", 5_000, () -> bus.statistics().getReconnects() > 0);
            assertThat(bus.statistics().getState()).startsWith("deaf");
        } finally {
            bus.close();
        }
    }

    @Test
    void closingTheCacheStopsItsBus() throws Exception {
        String name = "bus-close-" + channel;
        java.util.Properties p = new java.util.Properties();
        p.setProperty("querycache.name", name);
        p.setProperty("querycache.bus", REDIS + channel);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:querycache:h2:mem:busclose", p)) {
            assertThat(Buses.of(name)).isNotNull();
            c.unwrap(io.querycache.QueryCache.class).close();
            assertThat(Buses.of(name)).as("the closed cache's bus").isNull();
        }
    }
}
