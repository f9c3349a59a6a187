package io.querycache.cache;

import io.querycache.sql.SqlText;

/**
 * An immutable snapshot of one hinted statement's counters, from {@link ResultCache#statementStats()}; the root
 * package turns it into the public {@code StatementStats}, which documents each count.
 */
public final class StatementCounts {

    /** The SQL text as the log shows it (string literals masked, at most 300 characters). */
    public final String sql;
    public final long hits;
    public final long misses;
    public final long loads;
    public final long totalLoadNanos;
    public final long maxLoadNanos;
    public final long estimatedBytes;
    public final long invalidations;

    StatementCounts(StatementCounters live) {
        this.sql = SqlText.forLog(live.sql);
        this.hits = live.hits.sum();
        this.misses = live.misses.sum();
        this.loads = live.loads.sum();
        this.totalLoadNanos = live.loadNanos.sum();
        this.maxLoadNanos = live.maxLoadNanos.get();
        this.estimatedBytes = Math.max(0, live.bytes.sum());
        this.invalidations = live.invalidations.sum();
    }
}
