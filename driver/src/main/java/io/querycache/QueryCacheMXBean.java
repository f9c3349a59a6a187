package io.querycache;

import java.util.List;

/**
 * The JMX view of one cache, registered as {@code io.querycache:type=QueryCache,name=<cache name>}.
 */
public interface QueryCacheMXBean {

    long getHits();

    long getMisses();

    long getEntries();

    long getEstimatedBytes();

    /** Estimated heap held by column calibrations, outside querycache.maxBytes (at most 16 MiB). */
    long getCalibrationBytes();

    long getEvictions();

    long getInvalidations();

    long getBypasses();

    /**
     * The tracked hinted statements, most used first, as {@link QueryCache#statementStats()} gives them; in a JMX
     * client an array of composite rows with the items {@code sql}, {@code hits}, {@code misses}, {@code loads},
     * {@code totalLoadNanos}, {@code maxLoadNanos}, {@code estimatedBytes} and {@code invalidations}.
     */
    List<StatementRow> getTopStatements();

    /** One row of {@link #getTopStatements()}: a {@link StatementStats} as JMX shows it. */
    interface StatementRow {
        /** The SQL text, hint included, string literals masked. */
        String getSql();

        long getHits();

        long getMisses();

        long getLoads();

        long getTotalLoadNanos();

        long getMaxLoadNanos();

        /** Estimated heap held now by the statement's entries. */
        long getEstimatedBytes();

        /** Entries of the statement found invalidated. */
        long getInvalidations();
    }

    /** Invalidates every entry whose hint names this key. */
    void invalidate(String key);

    /** Invalidates every entry whose query reads this table. */
    void invalidateTable(String table);

    /** Invalidates every entry. */
    void invalidateAll();
}
