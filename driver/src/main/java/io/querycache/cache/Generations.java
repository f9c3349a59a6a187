package io.querycache.cache;

import io.querycache.sql.Footprint;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Invalidation by generation numbers, so that invalidating costs O(keys and tables touched) whatever the
 * number of entries.
 *
 * <p>One counter ticks on every invalidation, and each key and table remembers the tick of its latest
 * invalidation. A load records the counter's value before it queries the database; its entry is current
 * while none of its dependencies has been invalidated at a later tick. Because a commit returns only after
 * its tick is recorded, a load that read pre-commit data started before that tick and is rejected, whether it
 * finishes before or after the invalidation (no stale re-population), and every read checks its entry lazily.
 *
 * <p>The ticks of keys and tables are {@link BoundedTicks}: exact for the {@value #REMEMBERED} latest-invalidated
 * names of each kind, conservative (an entry may look stale, never current when it is not) beyond.
 */
final class Generations {

    /** Names of each kind whose ticks are remembered exactly: about 2 MB each when full. */
    static final int REMEMBERED = 16_384;

    private final AtomicLong clock = new AtomicLong();
    private final BoundedTicks keys;
    private final BoundedTicks tables;
    /** Latest invalidateAll. */
    private final AtomicLong everything = new AtomicLong();
    /** Latest write whose tables are unknown: every table-dependent entry is stale. */
    private final AtomicLong everyTable = new AtomicLong();
    /** Latest invalidation of any table: entries whose tables are unknown are stale. */
    private final AtomicLong anyTable = new AtomicLong();
    /**
     * How many invalidations have been recorded in full (their ticks written everywhere). An entry found current
     * when this read S needs no new check while it still reads S: any invalidation a reader must see (its commit
     * returned) was recorded, and so counted, before it returned.
     */
    private final AtomicLong settled = new AtomicLong();

    Generations() {
        this(REMEMBERED);
    }

    /** @param remembered names of each kind whose ticks are remembered exactly */
    Generations(int remembered) {
        this.keys = new BoundedTicks(remembered);
        this.tables = new BoundedTicks(remembered);
    }

    /** The current tick; a load that starts now records it. */
    long now() {
        return clock.get();
    }

    void invalidate(Footprint footprint) {
        long tick = clock.incrementAndGet();
        for (String key : footprint.keys()) {
            keys.record(key, tick);
        }
        for (String table : footprint.tables()) {
            tables.record(table, tick);
        }
        if (footprint.allTables()) {
            everyTable.accumulateAndGet(tick, Math::max);
        }
        if (footprint.touchesTables()) {
            anyTable.accumulateAndGet(tick, Math::max);
        }
        settled.incrementAndGet();
    }

    void invalidateAll() {
        everything.accumulateAndGet(clock.incrementAndGet(), Math::max);
        settled.incrementAndGet();
    }

    /** The count of invalidations recorded in full; read it before a check whose outcome is to be remembered. */
    long settled() {
        return settled.get();
    }

    /** True when nothing the entry depends on was invalidated after its load started. */
    boolean isCurrent(Footprint dependsOn, long loadStart) {
        if (everything.get() > loadStart) {
            return false;
        }
        if (dependsOn.touchesTables() && everyTable.get() > loadStart) {
            return false;
        }
        if (dependsOn.allTables() && anyTable.get() > loadStart) {
            return false;
        }
        for (String key : dependsOn.keys()) {
            if (keys.latest(key) > loadStart) {
                return false;
            }
        }
        for (String table : dependsOn.tables()) {
            if (tables.latest(table) > loadStart) {
                return false;
            }
        }
        return true;
    }

    /** Keys and tables whose ticks are remembered exactly. */
    int rememberedNames() {
        return keys.remembered() + tables.remembered();
    }
}
