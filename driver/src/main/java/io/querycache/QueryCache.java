package io.querycache;

import java.util.List;

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
 *
 * <p>A cache lives until {@link #close()}, not until its last connection closes: connection pools open and close
 * connections all the time, and each would otherwise start from an empty cache.
 */
public interface QueryCache extends AutoCloseable {

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

    /**
     * Counters of each hinted statement (SQL text) this cache tracks, most used (hits plus misses) first: which
     * hints pay off and which only hold memory. At most 256 statements are tracked; a statement seen for the first
     * time when that many are takes the place of the least used one.
     */
    List<StatementStats> statementStats();

    /**
     * Releases this cache: drops its entries, unregisters its JMX MBean, removes it from the driver's caches and
     * lets go of its dependency graph. Connections still open on it go on as pure pass-through: hints are
     * ignored, nothing is served from memory or stored, not even by a load that was in flight. The next
     * connection of the same name creates a fresh cache. Calling it again does nothing.
     *
     * <p>On a closed cache, {@code invalidate...} do nothing and {@link #stats()} gives the last counters.
     */
    @Override
    void close();
}
