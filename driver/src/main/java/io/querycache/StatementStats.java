package io.querycache;

/**
 * An immutable snapshot of one hinted statement's counters in one cache, from {@link QueryCache#statementStats()}.
 * A statement is one SQL text (a PreparedStatement's text is its shape, whatever the parameters); its string
 * literals are masked here, as in the log.
 */
public final class StatementStats {

    private final String sql;
    private final long hits;
    private final long misses;
    private final long loads;
    private final long totalLoadNanos;
    private final long maxLoadNanos;
    private final long estimatedBytes;
    private final long invalidations;

    public StatementStats(String sql, long hits, long misses, long loads, long totalLoadNanos, long maxLoadNanos,
                          long estimatedBytes, long invalidations) {
        this.sql = sql;
        this.hits = hits;
        this.misses = misses;
        this.loads = loads;
        this.totalLoadNanos = totalLoadNanos;
        this.maxLoadNanos = maxLoadNanos;
        this.estimatedBytes = estimatedBytes;
        this.invalidations = invalidations;
    }

    /** The SQL text, hint included, string literals masked and at most 300 characters. */
    public String sql() { return sql; }

    /** Executions served from memory. */
    public long hits() { return hits; }

    /** Executions that found no current entry and went to the database. */
    public long misses() { return misses; }

    /** Results captured and stored. */
    public long loads() { return loads; }

    /** Time spent executing and capturing this statement's loads, in nanoseconds. */
    public long totalLoadNanos() { return totalLoadNanos; }

    /** The longest of those loads, in nanoseconds. */
    public long maxLoadNanos() { return maxLoadNanos; }

    /** Estimated heap held now by this statement's entries (all parameter values together), in bytes. */
    public long estimatedBytes() { return estimatedBytes; }

    /**
     * Entries of this statement found invalidated: at a read, or when a load ended after an invalidation of what
     * it read (and was not stored).
     */
    public long invalidations() { return invalidations; }

    /** Hits divided by hits plus misses, or 0 when there were none. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }

    @Override
    public String toString() {
        return "StatementStats{hits=" + hits + ", misses=" + misses + ", loads=" + loads + ", totalLoadNanos="
                + totalLoadNanos + ", maxLoadNanos=" + maxLoadNanos + ", estimatedBytes=" + estimatedBytes
                + ", invalidations=" + invalidations + ", sql=" + sql + '}';
    }
}
