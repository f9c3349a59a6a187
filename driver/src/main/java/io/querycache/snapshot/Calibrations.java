package io.querycache.snapshot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The calibrations of one cache's queries, by SQL text: a query's columns are calibrated against the live
 * driver on its first miss, and later misses of the same text start from what was learned. Bounded; a
 * forgotten calibration is simply learned again.
 */
public final class Calibrations {

    private final Cache<String, Calibration> bySql = Caffeine.newBuilder().maximumSize(10_000)
            .executor(Runnable::run).build();

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

    /** How many SQL texts are remembered (for tests). */
    public long size() {
        bySql.cleanUp();
        return bySql.estimatedSize();
    }
}
