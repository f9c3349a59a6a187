package io.querycache.feed;

import io.querycache.cache.CacheRegistry;
import io.querycache.cache.ResultCache;
import io.querycache.config.QueryCacheConfig;
import io.querycache.dependency.CatalogConnections;
import io.querycache.dependency.StatementDependencies;
import io.querycache.sql.Dialect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The change feed of each cache: started by the cache's first connection, at most one per cache. */
public final class ChangeFeeds {

    private static final Map<ResultCache, ChangeFeed> FEEDS = new ConcurrentHashMap<>();

    private ChangeFeeds() {
    }

    /**
     * Starts the cache's feed unless it has one or {@code querycache.changeFeed=none}. Never throws and never
     * waits for the database: a feed that cannot work keeps the cache deaf and says why in the log.
     *
     * @param url         the real driver's URL
     * @param connections opens connections like the application's
     */
    public static void startOnce(ResultCache cache, QueryCacheConfig config, String url,
                                 CatalogConnections connections, StatementDependencies dependencies) {
        if (config.changeFeed() == QueryCacheConfig.ChangeFeed.NONE || FEEDS.containsKey(cache)) {
            return;
        }
        boolean[] started = new boolean[1];
        FEEDS.computeIfAbsent(cache, c -> {
            ChangeFeed feed = create(c, config, url, connections, dependencies);
            feed.start();
            started[0] = true;
            return feed;
        });
        if (started[0]) {
            cache.onClose(() -> close(cache)); // outside computeIfAbsent: a closed cache runs it at once
        }
    }

    private static ChangeFeed create(ResultCache cache, QueryCacheConfig config, String url,
                                     CatalogConnections connections, StatementDependencies dependencies) {
        long maxLag = config.changeFeedMaxLagMillis();
        if (!(connections instanceof TargetConnections)) {
            return new UnavailableChangeFeed(cache, "querycache.changeFeed needs connections made by the driver"
                    + " (jdbc:querycache:... URL), which knows the address and credentials to subscribe with");
        }
        TargetConnections target = (TargetConnections) connections;
        Dialect dialect = Dialect.fromUrl(url);
        try {
            if (dialect == Dialect.POSTGRESQL) {
                return new PostgresChangeFeed(cache, dependencies, maxLag, target);
            }
            if (dialect == Dialect.MYSQL) {
                return new BinlogChangeFeed(cache, dependencies, maxLag, target);
            }
        } catch (LinkageError e) {
            return new UnavailableChangeFeed(cache, "querycache.changeFeed=replication needs "
                    + (dialect == Dialect.POSTGRESQL ? "org.postgresql:postgresql"
                    : "com.zendesk:mysql-binlog-connector-java") + " on the class path (" + e + ")");
        }
        return new UnavailableChangeFeed(cache, "querycache.changeFeed=replication supports PostgreSQL, MariaDB and"
                + " MySQL, not " + dialect);
    }

    /**
     * The cache's feed, or null when it has none. The cache is a {@link ResultCache} or what a connection's
     * {@code unwrap(QueryCache.class)} gives (see {@link CacheRegistry#behind}); typed Object so that this package
     * does not reach up to the public API.
     */
    public static ChangeFeed of(Object cache) {
        ResultCache behind = CacheRegistry.behind(cache);
        return behind == null ? null : FEEDS.get(behind);
    }

    /** Stops the cache's feed, if any (the cache as {@link #of} takes it); for the cache's own close. */
    public static void close(Object cache) {
        ResultCache behind = CacheRegistry.behind(cache);
        ChangeFeed feed = behind == null ? null : FEEDS.remove(behind);
        if (feed != null) {
            feed.close();
        }
    }
}
