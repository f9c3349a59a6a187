package io.querycache.cache;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tick of each name's latest invalidation (hint keys, or tables), remembered exactly for at most
 * {@code capacity} names, so that keys with ids in them ({@code /*cache:item_42*&#47;}) cannot grow it without bound.
 *
 * <p>When more names are remembered, the older half is forgotten. A forgotten name's tick is not lost but folded
 * into a floor: one of {@link #STRIPES} longs, chosen by the name's hash, that only rises. For a name not
 * remembered exactly, {@link #latest} answers its stripe's floor, which is at least the tick of the name's own
 * latest invalidation. An entry loaded before that floor counts as stale: never a stale hit, at worst a spurious
 * miss for an entry whose name shares a stripe with a forgotten name invalidated after the entry was loaded.
 * Below {@code capacity} names nothing is ever forgotten, and the floors are not even allocated.
 */
final class BoundedTicks {

    /** Floors of forgotten names; many, so that forgetting one name makes few other entries look stale. */
    static final int STRIPES = 1 << 16;

    private final int capacity;
    private final ConcurrentHashMap<String, Long> ticks = new ConcurrentHashMap<>();
    /** Null until the first name is forgotten. */
    private volatile AtomicLongArray floors;
    private final ReentrantLock forgetting = new ReentrantLock();

    BoundedTicks(int capacity) {
        this.capacity = capacity;
    }

    void record(String name, long tick) {
        ticks.merge(name, tick, Math::max);
        if (ticks.size() > capacity) {
            forgetOlderHalf();
        }
    }

    /** The tick of the name's latest invalidation, an upper bound of it for a forgotten name, or 0 for never. */
    long latest(String name) {
        Long tick = ticks.get(name);
        if (tick != null) {
            return tick;
        }
        // Read after the map: a name is removed only after its stripe's floor was raised.
        AtomicLongArray forgotten = floors;
        return forgotten == null ? 0 : forgotten.get(stripe(name));
    }

    /** Names remembered exactly (for tests and the memory bound). */
    int remembered() {
        return ticks.size();
    }

    private void forgetOlderHalf() {
        if (!forgetting.tryLock()) {
            return; // another thread is forgetting already; the map overshoots by what arrives meanwhile
        }
        try {
            long[] all = ticks.values().stream().mapToLong(Long::longValue).toArray();
            if (all.length <= capacity) {
                return;
            }
            Arrays.sort(all);
            long threshold = all[all.length - capacity / 2 - 1];
            AtomicLongArray raised = floors;
            if (raised == null) {
                floors = raised = new AtomicLongArray(STRIPES);
            }
            for (Map.Entry<String, Long> e : ticks.entrySet()) {
                long tick = e.getValue();
                if (tick <= threshold) {
                    raised.accumulateAndGet(stripe(e.getKey()), tick, Math::max);
                    // Conditional: a newer invalidation of the name that arrived meanwhile stays exact.
                    ticks.remove(e.getKey(), e.getValue());
                }
            }
        } finally {
            forgetting.unlock();
        }
    }

    private static int stripe(String name) {
        int h = name.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
