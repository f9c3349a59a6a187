package io.querycache.cache;

import java.util.concurrent.atomic.LongAdder;

/** The live counters of one cache; contended increments stay cheap (LongAdder). */
final class CacheStatistics {

    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadNanos = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder expirations = new LongAdder();
    final LongAdder keyInvalidations = new LongAdder();
    final LongAdder tableInvalidations = new LongAdder();
    final LongAdder busInvalidations = new LongAdder();
    final LongAdder fullInvalidations = new LongAdder();
    private final LongAdder[] bypasses = new LongAdder[BypassReason.values().length];

    CacheStatistics() {
        for (int i = 0; i < bypasses.length; i++) {
            bypasses[i] = new LongAdder();
        }
    }

    void bypass(BypassReason reason) {
        bypasses[reason.ordinal()].increment();
    }

    CacheCounts snapshot(long entries, long estimatedBytes, long calibrationBytes) {
        long[] byReason = new long[bypasses.length];
        for (int i = 0; i < byReason.length; i++) {
            byReason[i] = bypasses[i].sum();
        }
        return new CacheCounts(this, byReason, entries, estimatedBytes, calibrationBytes);
    }
}
