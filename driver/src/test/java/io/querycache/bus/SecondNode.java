package io.querycache.bus;

import io.querycache.cache.ResultCache;
import io.querycache.config.BusAddress;
import io.querycache.sql.Footprint;

import java.util.function.Consumer;

/**
 * Another node of a cache in the same JVM, for tests outside this package (the soak): a cache of the same name
 * with a Redis bus of its own, as a second process would have.
 */
public final class SecondNode {

    private SecondNode() {
    }

    /**
     * Starts a Redis bus for {@code cache} at {@code address} ({@code redis://host:port/channel}); it publishes the
     * cache's invalidations, as {@link Buses#attach} wires a bus.
     */
    public static InvalidationBus redis(ResultCache cache, String address) {
        RedisBus bus = new RedisBus(cache, BusAddress.parse(address));
        cache.onInvalidate(bus::publish);
        bus.start();
        return bus;
    }

    /** Tells {@code listener} the footprint of every message the bus applies. */
    public static void onApplied(InvalidationBus bus, Consumer<Footprint> listener) {
        bus.onApplied(message -> listener.accept(message.footprint()));
    }
}
