package io.querycache.cache;

import com.github.benmanes.caffeine.cache.Ticker;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The open caches of this class loader, by name. Connections with the same name share one cache; the first
 * connection of a name creates it with its settings. A cache leaves when it closes, and its MBean with it.
 *
 * <p>Every change of a name happens inside {@code compute} for that name, so a cache's MBean is unregistered
 * before a new cache of the same name registers its own.
 */
public final class CacheRegistry {

    private static final ConcurrentHashMap<String, ResultCache> CACHES = new ConcurrentHashMap<>();
    /** The public API, bound by the root package when its classes load; null until then. */
    private static volatile CacheApi api;

    private CacheRegistry() {
    }

    /** The open cache of that name, created by {@code factory} if there is none (or only a closed one). */
    public static ResultCache obtain(String name, Function<String, ResultCache> factory) {
        ResultCache cache = CACHES.get(name);
        if (cache != null && !cache.isClosed()) {
            return cache;
        }
        return CACHES.compute(name, (n, current) -> {
            if (current != null && !current.isClosed()) {
                return current;
            }
            if (current != null) {
                withoutMBean(current);
            }
            return withMBean(factory.apply(n));
        });
    }

    /** The open cache of that name, or null. */
    public static ResultCache find(String name) {
        ResultCache cache = CACHES.get(name);
        return cache == null || cache.isClosed() ? null : cache;
    }

    /**
     * Installs a cache under its name before any connection uses it, e.g. one built with a fake
     * {@link Ticker} so that tests control time. Replaces any cache of that name (which is not closed: its
     * connections keep using it).
     */
    public static void install(ResultCache cache) {
        CACHES.compute(cache.name(), (n, previous) -> {
            if (previous != null) {
                withoutMBean(previous);
            }
            return withMBean(cache);
        });
    }

    /** Closes every open cache, e.g. before the application that loaded the driver goes away. */
    public static void closeAll() {
        for (ResultCache cache : CACHES.values()) {
            cache.close();
        }
    }

    /** True when no cache is open. */
    public static boolean isEmpty() {
        return CACHES.isEmpty();
    }

    /** Binds the public API: its view of each cache and its MXBeans (called by the root package as it loads). */
    public static void bind(CacheApi publicApi) {
        api = publicApi;
    }

    /** The public API, or null while it is not bound. */
    public static CacheApi api() {
        return api;
    }

    /** The public API's view of the cache, the same object every time; null while the API is not bound. */
    public static Object view(ResultCache cache) {
        Object view = cache.view;
        if (view == null) {
            synchronized (cache) {
                view = cache.view;
                CacheApi bound = api;
                if (view == null && bound != null) {
                    view = bound.view(cache);
                    cache.view = view;
                }
            }
        }
        return view;
    }

    /**
     * The cache itself, or the cache behind the public API's view of it ({@code unwrap(QueryCache.class)}); null
     * for anything else.
     */
    public static ResultCache behind(Object cacheOrView) {
        if (cacheOrView instanceof ResultCache) {
            return (ResultCache) cacheOrView;
        }
        CacheApi bound = api;
        return bound == null ? null : bound.cacheBehind(cacheOrView);
    }

    /** Called by a closing cache: it leaves the registry and JMX. */
    static void release(ResultCache cache) {
        CACHES.compute(cache.name(), (n, current) -> {
            withoutMBean(cache);
            return current == cache ? null : current;
        });
    }

    private static ResultCache withMBean(ResultCache cache) {
        cache.mbeanRegistered = CacheMBeans.register(cache);
        return cache;
    }

    private static void withoutMBean(ResultCache cache) {
        if (cache.mbeanRegistered) {
            cache.mbeanRegistered = false;
            CacheMBeans.unregister(cache);
        }
    }
}
