package io.querycache;

/**
 * One query-result cache: the entries shared by every connection of a namespace (same target URL and
 * user, or the same {@code querycache.name}).
 *
 * <p>Reach it from a connection or a data source:
 * <pre>{@code
 * QueryCache cache = connection.unwrap(QueryCache.class);
 * cache.invalidate("countries");
 * }</pre>
 *
 * <p>Invalidation is immediate and global for the cache: once a call returns, no read that starts
 * afterwards on any connection of this cache is served an entry that depended on what was invalidated.
 * These calls are not transactional; a hinted write does the transactional equivalent.
 */
public interface QueryCache {

    /** The cache's name: {@code querycache.name}, or the target URL without credentials plus the user. */
    String name();

    /** Invalidates every entry whose hint names one of these keys (case-sensitive). */
    void invalidate(String... keys);

    /** Invalidates every entry whose query reads one of these tables (case-insensitive, schema ignored). */
    void invalidateTables(String... tables);

    /** Invalidates every entry. */
    void invalidateAll();

    /** A consistent snapshot of the cache's counters. */
    QueryCacheStats stats();
}
