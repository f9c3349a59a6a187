package io.querycache.jdbc;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querycache.cache.CacheRegistry;
import io.querycache.cache.ConnectionState;
import io.querycache.cache.ResultCache;
import io.querycache.config.JdbcUrls;
import io.querycache.config.QueryCacheConfig;
import io.querycache.sql.Dialect;
import io.querycache.sql.SqlAnalyzer;

import io.querycache.dependency.CatalogConnections;
import io.querycache.dependency.Catalogs;
import io.querycache.dependency.DependencyGraph;
import io.querycache.dependency.StatementDependencies;
import io.querycache.feed.ChangeFeeds;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Logger;

/** Wraps real connections, joining each to the cache of its namespace. */
public final class Connections {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    private Connections() {
    }

    /**
     * @param targetUrl the real driver's URL (credentials are removed before it names anything), or null when
     *                  it is not known (a DataSource)
     * @param user      the database user, or null
     * @param catalog   opens a connection like this one, for reading the database catalog
     */
    public static ProxyConnection wrap(Connection real, QueryCacheConfig config, String targetUrl, String user,
                                       CatalogConnections catalog) throws SQLException {
        if (!config.enabled()) {
            return new ProxyConnection(real, null);
        }
        String name = cacheName(config, targetUrl, user);
        ResultCache cache = CacheRegistry.obtain(name, n -> {
            ResultCache created = new ResultCache(n, config.maxBytes(),
                    config.expiry() == QueryCacheConfig.Expiry.SLIDING, Ticker.systemTicker());
            CREATED_WITH.put(created, config);
            if (config.bus() != null) {
                io.querycache.bus.Buses.attach(created, config.bus(), catalog);
            }
            LOG.info(() -> "querycache " + n + ": cache created, " + config.summary());
            return created;
        });
        QueryCacheConfig existing = CREATED_WITH.get(cache);
        if (existing != null && existing != config) {
            try {
                config.requireSameCacheSettings(existing, name);
            } catch (SQLException e) {
                real.close();
                throw e;
            }
        }
        ConnectionState state;
        StatementDependencies dependencies;
        String url = targetUrl;
        try {
            if (url == null) {
                url = real.getMetaData().getURL();
            }
            state = new ConnectionState(cache, real, Dialect.fromUrl(url) == Dialect.POSTGRESQL);
            dependencies = dependencies(cache, config, url, catalog);
            ChangeFeeds.startOnce(cache, config, url, catalog, dependencies);
        } catch (SQLException | RuntimeException e) {
            real.close();
            throw e;
        }
        SqlAnalyzer analyzer = SqlAnalyzer.of(Dialect.fromUrl(url), config.autoInvalidate());
        return new ProxyConnection(real, new CachingSession(cache, analyzer, config, state, dependencies));
    }

    /**
     * The settings each cache was created with, which a connection that joins it must share (weak: a cache
     * installed by hand, as tests do, has none and is joined by any settings).
     */
    private static final Map<ResultCache, QueryCacheConfig> CREATED_WITH =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The dependency graph of each cache, made by its first connection; released and removed when the cache
     * closes (weak besides, so that a cache replaced without closing is let go too).
     */
    private static final Map<ResultCache, StatementDependencies> DEPENDENCIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private static StatementDependencies dependencies(ResultCache cache, QueryCacheConfig config, String url,
                                                      CatalogConnections catalog) {
        return DEPENDENCIES.computeIfAbsent(cache, c -> {
            StatementDependencies created = new StatementDependencies(
                    new DependencyGraph(Catalogs.forUrl(url, catalog), config.dependencies()));
            c.onInvalidateAll(created::refresh);
            c.onClose(() -> closed(c));
            return created;
        });
    }

    /** A cache closed: its graph goes, and with the last cache the analyzers that every cache shared. */
    private static void closed(ResultCache cache) {
        StatementDependencies released = DEPENDENCIES.remove(cache);
        if (released != null) {
            released.release();
        }
        if (CacheRegistry.isEmpty()) {
            SqlAnalyzer.forgetShared();
        }
    }

    /** {@code querycache.name}, or the default name: the address without credentials or parameters, and the user. */
    public static String cacheName(QueryCacheConfig config, String targetUrl, String user) {
        return config.name() != null ? config.name() : JdbcUrls.defaultCacheName(targetUrl, user);
    }
}
