package io.querycache.snapshot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The calibrations of one cache's queries, by SQL text: a query's columns are calibrated against the live
 * driver on its first miss, and later misses of the same text start from what was learned. Bounded by estimated
 * bytes (at most 16 MiB, at most a quarter of querycache.maxBytes); a forgotten calibration is simply learned
 * again. The cache counts them within querycache.maxBytes: told when they grow, it bounds its entries by what is
 * left ({@code ResultCache}).
 */
public final class Calibrations {

    /** The default bound on the estimated bytes of one cache's calibrations, beside querycache.maxBytes. */
    static final long DEFAULT_MAX_BYTES = 16L << 20;

    private final Cache<String, Calibration> bySql;
    /** Told after a calibration was remembered (the bytes grew). */
    private final Runnable grew;

    public Calibrations() {
        this(DEFAULT_MAX_BYTES, () -> { });
    }

    /**
     * @param cacheMaxBytes the cache's querycache.maxBytes, of which calibrations take at most a quarter
     * @param grew          told after a calibration was remembered
     */
    public static Calibrations forCache(long cacheMaxBytes, Runnable grew) {
        return new Calibrations(Math.min(DEFAULT_MAX_BYTES, cacheMaxBytes / 4), grew);
    }

    /** @param maxBytes bound on the estimated bytes of the calibrations remembered */
    Calibrations(long maxBytes) {
        this(maxBytes, () -> { });
    }

    private Calibrations(long maxBytes, Runnable grew) {
        this.grew = grew;
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
            grew.run();
        }
    }

    /** The estimated bytes of the calibrations remembered (counted within querycache.maxBytes). */
    public long estimatedBytes() {
        return bySql.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** How many SQL texts are remembered (for tests). */
    public long size() {
        bySql.cleanUp();
        return bySql.estimatedSize();
    }
}
