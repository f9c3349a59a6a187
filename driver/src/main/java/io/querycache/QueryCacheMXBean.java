package io.querycache;

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

    /** Invalidates every entry whose hint names this key. */
    void invalidate(String key);

    /** Invalidates every entry whose query reads this table. */
    void invalidateTable(String table);

    /** Invalidates every entry. */
    void invalidateAll();
}
