package io.querycache.cache;

import com.github.benmanes.caffeine.cache.Ticker;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The caches of this class loader, by name. Connections with the same name share one cache; the first
 * connection of a name creates it with its settings.
 */
public final class CacheRegistry {

    private static final ConcurrentHashMap<String, ResultCache> CACHES = new ConcurrentHashMap<>();

    private CacheRegistry() {
    }

    /** The cache of that name, created by {@code factory} if there is none yet. */
    public static ResultCache obtain(String name, Function<String, ResultCache> factory) {
        ResultCache cache = CACHES.get(name);
        return cache != null ? cache : CACHES.computeIfAbsent(name, n -> {
            ResultCache created = factory.apply(n);
            CacheMBeans.register(created);
            return created;
        });
    }

    /** The cache of that name, or null. */
    public static ResultCache find(String name) {
        return CACHES.get(name);
    }

    /**
     * Installs a cache under its name before any connection uses it, e.g. one built with a fake
     * {@link Ticker} so that tests control time. Replaces any cache of that name.
     */
    public static void install(ResultCache cache) {
        ResultCache previous = CACHES.put(cache.name(), cache);
        if (previous != null) {
            CacheMBeans.unregister(previous);
        }
        CacheMBeans.register(cache);
    }

    /** Forgets the cache of that name (its connections keep using it until they close). */
    public static void remove(String name) {
        ResultCache previous = CACHES.remove(name);
        if (previous != null) {
            CacheMBeans.unregister(previous);
        }
    }
}
