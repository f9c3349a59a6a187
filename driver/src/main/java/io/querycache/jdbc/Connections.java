package io.querycache.jdbc;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querycache.cache.CacheRegistry;
import io.querycache.cache.ConnectionState;
import io.querycache.cache.ResultCache;
import io.querycache.config.JdbcUrls;
import io.querycache.config.QueryCacheConfig;
import io.querycache.sql.Dialect;
import io.querycache.sql.SqlAnalyzer;

import java.sql.Connection;
import java.sql.SQLException;

/** Wraps real connections, joining each to the cache of its namespace. */
public final class Connections {

    private Connections() {
    }

    /**
     * @param targetUrl the real driver's URL (credentials are removed before it names anything)
     * @param user      the database user, or null
     */
    public static ProxyConnection wrap(Connection real, QueryCacheConfig config, String targetUrl, String user)
            throws SQLException {
        if (!config.enabled()) {
            return new ProxyConnection(real, null);
        }
        String name = cacheName(config, targetUrl, user);
        ResultCache cache = CacheRegistry.obtain(name, n -> new ResultCache(n, config.maxBytes(),
                config.expiry() == QueryCacheConfig.Expiry.SLIDING, Ticker.systemTicker()));
        SqlAnalyzer analyzer = SqlAnalyzer.of(Dialect.fromUrl(targetUrl), config.autoInvalidate());
        Dialect dialect = Dialect.fromUrl(targetUrl);
        ConnectionState state;
        try {
            state = new ConnectionState(cache, real, dialect == Dialect.POSTGRESQL);
        } catch (SQLException e) {
            real.close();
            throw e;
        }
        return new ProxyConnection(real, new CachingSession(cache, analyzer, config, state));
    }

    /** {@code querycache.name}, or the target URL without credentials plus the user. */
    public static String cacheName(QueryCacheConfig config, String targetUrl, String user) {
        if (config.name() != null) {
            return config.name();
        }
        String url = JdbcUrls.withoutCredentials(targetUrl == null ? "unknown" : targetUrl);
        return user == null || user.isEmpty() ? url : url + " user=" + user;
    }
}
