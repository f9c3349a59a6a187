package io.querycache.cache;

/**
 * An immutable snapshot of one cache's counters, from {@link ResultCache#stats()}; the root package turns it into
 * the public {@code QueryCacheStats}, which documents each count.
 */
public final class CacheCounts {

    public final long hits;
    public final long misses;
    public final long loads;
    public final long totalLoadNanos;
    public final long evictions;
    public final long expirations;
    public final long keyInvalidations;
    public final long tableInvalidations;
    public final long busInvalidations;
    public final long fullInvalidations;
    public final long entries;
    public final long estimatedBytes;
    public final long calibrationBytes;
    /** By {@link BypassReason#ordinal()}. */
    private final long[] bypasses;

    CacheCounts(CacheStatistics live, long[] bypasses, long entries, long estimatedBytes, long calibrationBytes) {
        this.hits = live.hits.sum();
        this.misses = live.misses.sum();
        this.loads = live.loads.sum();
        this.totalLoadNanos = live.loadNanos.sum();
        this.evictions = live.evictions.sum();
        this.expirations = live.expirations.sum();
        this.keyInvalidations = live.keyInvalidations.sum();
        this.tableInvalidations = live.tableInvalidations.sum();
        this.busInvalidations = live.busInvalidations.sum();
        this.fullInvalidations = live.fullInvalidations.sum();
        this.entries = entries;
        this.estimatedBytes = estimatedBytes;
        this.calibrationBytes = calibrationBytes;
        this.bypasses = bypasses;
    }

    public long bypasses(BypassReason reason) {
        return bypasses[reason.ordinal()];
    }
}
