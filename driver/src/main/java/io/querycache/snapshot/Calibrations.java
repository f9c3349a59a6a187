package io.querycache.snapshot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The calibrations of one cache's queries, by SQL text: a query's columns are calibrated against the live
 * driver on its first miss, and later misses of the same text start from what was learned. Bounded by estimated
 * bytes (16 MiB per cache; an application with many distinct hinted texts would otherwise grow it beyond
 * querycache.maxBytes); a forgotten calibration is simply learned again.
 */
public final class Calibrations {

    /** The default bound on the estimated bytes of one cache's calibrations, beside querycache.maxBytes. */
    static final long DEFAULT_MAX_BYTES = 16L << 20;

    private final Cache<String, Calibration> bySql;

    public Calibrations() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes bound on the estimated bytes of the calibrations remembered */
    Calibrations(long maxBytes) {
        this.bySql = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String sql, Calibration c) -> (int) Math.min(Integer.MAX_VALUE,
                        c.estimatedBytes() + 40 + 2L * sql.length()))
                .executor(Runnable::run).build();
    }

    /**
     * The calibration to extend for this query's result: the remembered one when the driver and the metadata
     * are the same (its metadata then serves the new entry too), or a fresh one.
     */
    Calibration start(String sql, Class<?> resultSetClass, SnapshotMetaData metaData) {
        Calibration known = sql == null ? null : bySql.getIfPresent(sql);
        if (known != null && known.resultSetClass == resultSetClass && known.metaData.sameAs(metaData)) {
            return known.copy();
        }
        return new Calibration(resultSetClass, metaData);
    }

    /** Remembers what a capture learned. */
    void remember(String sql, Calibration calibration) {
        if (sql != null && calibration.learned()) {
            calibration.remembered();
            bySql.put(sql, calibration);
        }
    }

    /** The estimated bytes of the calibrations remembered, beside (not within) querycache.maxBytes. */
    public long estimatedBytes() {
        return bySql.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** How many SQL texts are remembered (for tests). */
    public long size() {
        bySql.cleanUp();
        return bySql.estimatedSize();
    }
}
