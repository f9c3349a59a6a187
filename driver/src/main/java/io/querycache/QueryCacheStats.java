package io.querycache;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** An immutable snapshot of one cache's statistics, taken by {@link QueryCache#stats()}. */
public final class QueryCacheStats {

    /** Why a hinted query was executed without the cache. */
    public enum BypassReason {
        /** A bound parameter is not a plain immutable value (stream, Blob, Calendar variant, arbitrary object). */
        UNCACHEABLE_PARAMETER,
        /** The statement is not a pure query (FOR UPDATE, SELECT INTO, data-modifying CTE, CallableStatement). */
        NOT_A_PURE_QUERY,
        /** The read depends on a write of the same, still open, transaction (read your own writes). */
        PENDING_WRITE,
        /** The result exceeded querycache.maxRowsPerEntry or querycache.maxBytesPerEntry. */
        TOO_LARGE,
        /** The requested ResultSet type or concurrency cannot be served from a snapshot (updatable, scroll-sensitive). */
        RESULT_SET_FEATURES,
        /** The connection reads uncommitted data (READ UNCOMMITTED). */
        DIRTY_READS,
        /** The hint was malformed and querycache.strictHints=false. */
        MALFORMED_HINT,
        /**
         * The result holds a value a snapshot cannot reproduce exactly (pgjdbc's SQLXML, a driver object that cannot
         * be copied safely) or that the driver itself fails to read: answered by the live result set.
         */
        UNSUPPORTED_VALUE
    }

    private final long hits;
    private final long misses;
    private final long loads;
    private final long totalLoadNanos;
    private final Map<BypassReason, Long> bypasses;
    private final long evictions;
    private final long expirations;
    private final long keyInvalidations;
    private final long tableInvalidations;
    private final long busInvalidations;
    private final long fullInvalidations;
    private final long entries;
    private final long estimatedBytes;
    private final long calibrationBytes;

    public QueryCacheStats(long hits, long misses, long loads, long totalLoadNanos, Map<BypassReason, Long> bypasses,
                           long evictions, long expirations, long keyInvalidations, long tableInvalidations,
                           long busInvalidations, long fullInvalidations, long entries, long estimatedBytes,
                           long calibrationBytes) {
        this.hits = hits;
        this.misses = misses;
        this.loads = loads;
        this.totalLoadNanos = totalLoadNanos;
        EnumMap<BypassReason, Long> copy = new EnumMap<>(BypassReason.class);
        for (BypassReason reason : BypassReason.values()) {
            copy.put(reason, bypasses.getOrDefault(reason, 0L));
        }
        this.bypasses = Collections.unmodifiableMap(copy);
        this.evictions = evictions;
        this.expirations = expirations;
        this.keyInvalidations = keyInvalidations;
        this.tableInvalidations = tableInvalidations;
        this.busInvalidations = busInvalidations;
        this.fullInvalidations = fullInvalidations;
        this.entries = entries;
        this.estimatedBytes = estimatedBytes;
        this.calibrationBytes = calibrationBytes;
    }

    /** Hinted executions served from memory. */
    public long hits() { return hits; }

    /** Hinted executions that found no current entry and went to the database. */
    public long misses() { return misses; }

    /** Results captured and stored. */
    public long loads() { return loads; }

    /** Total time spent executing and capturing the loads, in nanoseconds. */
    public long totalLoadNanos() { return totalLoadNanos; }

    /** Hinted executions that ran against the database without the cache, by reason. */
    public Map<BypassReason, Long> bypassesByReason() { return bypasses; }

    /** Hinted executions that ran against the database without the cache. */
    public long bypasses() {
        long sum = 0;
        for (long n : bypasses.values()) {
            sum += n;
        }
        return sum;
    }

    /** Entries removed to stay within querycache.maxBytes. */
    public long evictions() { return evictions; }

    /** Entries removed because their TTL ran out. */
    public long expirations() { return expirations; }

    /** Invalidations of hint keys (each key counts once). */
    public long keyInvalidations() { return keyInvalidations; }

    /** Invalidations of tables (each table counts once; a write whose tables are unknown counts once). */
    public long tableInvalidations() { return tableInvalidations; }

    /** Invalidations received from other processes. */
    public long busInvalidations() { return busInvalidations; }

    /** Calls of invalidateAll. */
    public long fullInvalidations() { return fullInvalidations; }

    /** All invalidations: by key, by table, by bus and full. */
    public long invalidations() {
        return keyInvalidations + tableInvalidations + busInvalidations + fullInvalidations;
    }

    /** Entries held now (may include entries already invalidated but not yet read or evicted). */
    public long entries() { return entries; }

    /** Estimated heap held by the entries, in bytes. */
    public long estimatedBytes() { return estimatedBytes; }

    /**
     * Estimated heap held by what capture learned about the cached queries' columns, by SQL text: outside
     * {@link #estimatedBytes()} and querycache.maxBytes, bounded by 16 MiB per cache.
     */
    public long calibrationBytes() { return calibrationBytes; }

    /** Hits divided by hits plus misses, or 0 when there were none. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }

    @Override
    public String toString() {
        return "QueryCacheStats{hits=" + hits + ", misses=" + misses + ", loads=" + loads
                + ", bypasses=" + bypasses() + ", evictions=" + evictions + ", expirations=" + expirations
                + ", invalidations=" + invalidations() + ", entries=" + entries
                + ", estimatedBytes=" + estimatedBytes + ", calibrationBytes=" + calibrationBytes + '}';
    }
}
