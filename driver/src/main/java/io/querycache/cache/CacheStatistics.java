package io.querycache.cache;

import io.querycache.QueryCacheStats;
import io.querycache.QueryCacheStats.BypassReason;

import java.util.EnumMap;
import java.util.Map;
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

    QueryCacheStats snapshot(long entries, long estimatedBytes, long calibrationBytes) {
        Map<BypassReason, Long> byReason = new EnumMap<>(BypassReason.class);
        for (BypassReason reason : BypassReason.values()) {
            byReason.put(reason, bypasses[reason.ordinal()].sum());
        }
        return new QueryCacheStats(hits.sum(), misses.sum(), loads.sum(), loadNanos.sum(), byReason,
                evictions.sum(), expirations.sum(), keyInvalidations.sum(), tableInvalidations.sum(),
                busInvalidations.sum(), fullInvalidations.sum(), entries, estimatedBytes, calibrationBytes);
    }
}
