package io.querycache.cache;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one hinted SQL text in one cache. A stored entry holds its statement's counters, so a hit
 * counts with one increment on an object it already has: no lookup, no allocation, no lock.
 */
final class StatementCounters {

    final String sql;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadNanos = new LongAdder();
    final LongAccumulator maxLoadNanos = new LongAccumulator(Math::max, 0);
    /** Weight of this statement's entries in the store: added when one is stored, taken off when it leaves. */
    final LongAdder bytes = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    StatementCounters(String sql) {
        this.sql = sql;
    }

    /** Hits and misses: what decides which statements stay tracked. */
    long uses() {
        return hits.sum() + misses.sum();
    }

    void loaded(long nanos) {
        loads.increment();
        loadNanos.add(nanos);
        maxLoadNanos.accumulate(nanos);
    }

    StatementCounts snapshot() {
        return new StatementCounts(this);
    }
}
