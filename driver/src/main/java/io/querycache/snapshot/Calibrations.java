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
     * A private copy of the remembered calibration of this SQL for a result of this shape, or a fresh one. Its
     * metadata is the remembered copy when the live metadata is the same, so that entries share it.
     */
    Calibration start(String sql, String signature, SnapshotMetaData metaData) {
        Calibration known = sql == null || signature == null ? null : bySql.getIfPresent(sql);
        if (known != null && known.signature.equals(signature)) {
            Calibration copy = known.copy();
            if (!known.metaData.sameAs(metaData)) {
                copy.metaData = metaData;
                copy.learned = true;
            }
            return copy;
        }
        Calibration fresh = new Calibration(signature, metaData.getColumnCount());
        fresh.metaData = metaData;
        return fresh;
    }

    /** Remembers what a capture learned. */
    void remember(String sql, Calibration calibration) {
        if (sql != null && calibration.signature != null && calibration.learned) {
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
