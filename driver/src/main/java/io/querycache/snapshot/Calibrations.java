package io.querycache.snapshot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The calibrations of one cache's queries, by SQL text: a query's columns are calibrated against the live
 * driver on its first miss, and later misses of the same text start from what was learned; a new text starts from
 * what was learned about columns of the same types ({@link ColumnProfile}). Bounded by estimated
 * bytes (at most 16 MiB, at most a quarter of querycache.maxBytes); a forgotten calibration is simply learned
 * again. The cache counts them within querycache.maxBytes: told when they grow, it bounds its entries by what is
 * left ({@code ResultCache}).
 */
public final class Calibrations {

    /** The default bound on the estimated bytes of one cache's calibrations, beside querycache.maxBytes. */
    static final long DEFAULT_MAX_BYTES = 16L << 20;

    private final Cache<String, Calibration> bySql;
    /** What was learned per driver and column type ({@link ColumnProfile#typeOf}), for new query texts. */
    private final Cache<java.util.List<Object>, ColumnProfile> byColumnType;
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
        // Three quarters of the bound for queries, one for column types: far fewer, and each far smaller.
        this.byColumnType = Caffeine.newBuilder().maximumWeight(maxBytes / 4)
                .weigher((java.util.List<Object> type, ColumnProfile p) -> (int) Math.min(Integer.MAX_VALUE,
                        p.estimatedBytes() + 200))
                .executor(Runnable::run).build();
        this.bySql = Caffeine.newBuilder().maximumWeight(maxBytes - maxBytes / 4)
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
        Calibration fresh = new Calibration(resultSetClass, metaData);
        for (int c = 1; c <= metaData.getColumnCount(); c++) {
            ColumnProfile profile = byColumnType.getIfPresent(ColumnProfile.typeOf(resultSetClass, metaData, c));
            if (profile != null) {
                profile.applyTo(fresh, c);
            }
        }
        return fresh;
    }

    /** Remembers what a capture learned. */
    void remember(String sql, Calibration calibration) {
        if (sql != null && calibration.learned()) {
            calibration.remembered();
            bySql.put(sql, calibration);
            for (int c = 1; c <= calibration.metaData.getColumnCount(); c++) {
                byColumnType.put(ColumnProfile.typeOf(calibration.resultSetClass, calibration.metaData, c),
                        new ColumnProfile(calibration, c));
            }
            grew.run();
        }
    }

    /** The estimated bytes of the calibrations remembered (counted within querycache.maxBytes). */
    public long estimatedBytes() {
        return weightOf(bySql) + weightOf(byColumnType);
    }

    private static long weightOf(Cache<?, ?> cache) {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** How many SQL texts are remembered (for tests). */
    public long size() {
        bySql.cleanUp();
        return bySql.estimatedSize();
    }
}
