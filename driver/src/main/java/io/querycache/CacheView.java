package io.querycache;

import io.querycache.cache.CacheApi;
import io.querycache.cache.CacheCounts;
import io.querycache.cache.CacheRegistry;
import io.querycache.cache.ResultCache;
import io.querycache.cache.StatementCounts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link QueryCache} of one internal cache: what {@code unwrap(QueryCache.class)} and
 * {@link QueryCacheDriver#cache(String)} give, one per cache (kept by {@link CacheRegistry#view}).
 */
final class CacheView implements QueryCache {

    /** How the internal packages reach the public API without naming it. */
    private static final CacheApi API = new CacheApi() {
        @Override
        public Class<?> type() {
            return QueryCache.class;
        }

        @Override
        public Object view(ResultCache cache) {
            return new CacheView(cache);
        }

        @Override
        public ResultCache cacheBehind(Object view) {
            return view instanceof CacheView ? ((CacheView) view).cache : null;
        }

        @Override
        public Object mxBean(ResultCache cache) {
            return new CacheJmxView(of(cache));
        }
    };

    private final ResultCache cache;

    private CacheView(ResultCache cache) {
        this.cache = cache;
    }

    /** Binds the public API for the internal packages; called as the driver's and the data source's classes load. */
    static void bind() {
        CacheRegistry.bind(API);
    }

    /** The view of the cache, or null for null. */
    static QueryCache of(ResultCache cache) {
        return cache == null ? null : (QueryCache) CacheRegistry.view(cache);
    }

    @Override
    public String name() {
        return cache.name();
    }

    @Override
    public void invalidate(String... keys) {
        cache.invalidate(keys);
    }

    @Override
    public void invalidateTables(String... tables) {
        cache.invalidateTables(tables);
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }

    @Override
    public QueryCacheStats stats() {
        CacheCounts c = cache.stats();
        Map<QueryCacheStats.BypassReason, Long> bypasses = new EnumMap<>(QueryCacheStats.BypassReason.class);
        for (io.querycache.cache.BypassReason reason : io.querycache.cache.BypassReason.values()) {
            bypasses.put(QueryCacheStats.BypassReason.valueOf(reason.name()), c.bypasses(reason));
        }
        return new QueryCacheStats(c.hits, c.misses, c.loads, c.totalLoadNanos, bypasses, c.evictions, c.expirations,
                c.keyInvalidations, c.tableInvalidations, c.busInvalidations, c.fullInvalidations, c.entries,
                c.estimatedBytes, c.calibrationBytes);
    }

    @Override
    public List<StatementStats> statementStats() {
        List<StatementCounts> counts = cache.statementStats();
        List<StatementStats> all = new ArrayList<>(counts.size());
        for (StatementCounts s : counts) {
            all.add(new StatementStats(s.sql, s.hits, s.misses, s.loads, s.totalLoadNanos, s.maxLoadNanos,
                    s.estimatedBytes, s.invalidations));
        }
        return all;
    }

    @Override
    public void close() {
        cache.close();
    }

    @Override
    public String toString() {
        return "QueryCache " + cache.name();
    }
}
