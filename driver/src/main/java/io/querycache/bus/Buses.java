package io.querycache.bus;

import io.querycache.cache.ResultCache;
import io.querycache.config.BusAddress;
import io.querycache.dependency.CatalogConnections;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/** The running bus of each cache, by cache name: started once, when the cache is created. */
public final class Buses {

    private static final Logger LOG = Logger.getLogger("io.querycache");
    private static final ConcurrentHashMap<String, InvalidationBus> RUNNING = new ConcurrentHashMap<>();

    private Buses() {
    }

    /**
     * Starts the cache's bus: the cache is deaf until the bus listens, and every invalidation made in this
     * process is published. Never blocks on the network and never fails on a bus that is down.
     *
     * @param connections opens connections to the cache's database (for {@code postgres})
     */
    public static void attach(ResultCache cache, BusAddress address, CatalogConnections connections) {
        InvalidationBus bus;
        if (address.kind() == BusAddress.Kind.REDIS) {
            RedisBus redis = new RedisBus(cache, address);
            redis.start();
            bus = redis;
        } else {
            PostgresBus postgres = new PostgresBus(cache, address, connections);
            postgres.start();
            bus = postgres;
        }
        InvalidationBus previous = RUNNING.put(cache.name(), bus);
        if (previous != null) {
            previous.close();
        }
        wire(cache, bus);
        InvalidationBus started = bus;
        cache.onClose(() -> {
            if (RUNNING.remove(cache.name(), started)) {
                started.close();
                unregister(cache.name());
            }
        });
        register(cache.name(), bus.statistics());
        LOG.fine(() -> "querycache " + cache.name() + ": invalidation bus " + address + ", sender "
                + started.senderId());
    }

    /** Publishes on {@code bus} what the cache's own connections and application invalidate. */
    static void wire(ResultCache cache, InvalidationBus bus) {
        cache.onInvalidate(bus::publish);
        cache.onBeforeCommit(bus::beforeCommit);
        cache.onInvalidateAllByApplication(bus::publishFlush);
    }

    /** The bus of the cache of that name, or null. */
    public static InvalidationBus of(String cacheName) {
        return RUNNING.get(cacheName);
    }

    /** Stops the bus of the cache of that name, if any. */
    public static void close(String cacheName) {
        InvalidationBus bus = RUNNING.remove(cacheName);
        if (bus != null) {
            bus.close();
            unregister(cacheName);
        }
    }

    private static ObjectName objectName(String cacheName) throws JMException {
        return new ObjectName("io.querycache:type=QueryCacheBus,name=" + ObjectName.quote(cacheName));
    }

    private static void register(String cacheName, BusStatistics statistics) {
        try {
            unregister(cacheName);
            ManagementFactory.getPlatformMBeanServer().registerMBean(statistics, objectName(cacheName));
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "querycache: could not register the JMX MBean of the bus of " + cacheName, e);
        }
    }

    private static void unregister(String cacheName) {
        try {
            ObjectName name = objectName(cacheName);
            if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "querycache: could not unregister the JMX MBean of the bus of " + cacheName, e);
        }
    }
}
