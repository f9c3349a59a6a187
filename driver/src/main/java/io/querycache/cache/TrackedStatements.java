package io.querycache.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hinted statements one cache keeps counters for, by SQL text, at most {@link #MAX_TRACKED}. A statement
 * seen for the first time while the table is full takes the place of the least used one (fewest hits plus
 * misses), so the statements that matter stay and one-off texts only take turns in the last place. A dropped
 * statement starts from zero if it comes back; entries already stored keep counting into their old counters,
 * which nothing reports any more.
 *
 * <p>Looked up on misses and loads only; hits reach their counters through the entry.
 */
final class TrackedStatements {

    /** Statements tracked per cache. */
    static final int MAX_TRACKED = 256;

    private final ConcurrentHashMap<String, StatementCounters> tracked = new ConcurrentHashMap<>();
    private final int max;

    TrackedStatements() {
        this(MAX_TRACKED);
    }

    TrackedStatements(int max) {
        this.max = max;
    }

    /** The counters of this SQL text, tracked from now on if they were not. */
    StatementCounters of(String sql) {
        StatementCounters counters = tracked.get(sql);
        return counters != null ? counters : track(sql);
    }

    private synchronized StatementCounters track(String sql) {
        StatementCounters counters = tracked.get(sql);
        if (counters != null) {
            return counters;
        }
        if (tracked.size() >= max) {
            dropLeastUsed();
        }
        counters = new StatementCounters(sql);
        tracked.put(sql, counters);
        return counters;
    }

    private void dropLeastUsed() {
        StatementCounters least = null;
        long leastUses = Long.MAX_VALUE;
        for (StatementCounters candidate : tracked.values()) {
            long uses = candidate.uses();
            if (uses < leastUses) {
                least = candidate;
                leastUses = uses;
            }
        }
        if (least != null) {
            tracked.remove(least.sql, least);
        }
    }

    /** Snapshots of every tracked statement, most used first. */
    List<StatementCounts> snapshot() {
        List<StatementCounts> all = new ArrayList<>(tracked.size());
        for (StatementCounters counters : tracked.values()) {
            all.add(counters.snapshot());
        }
        all.sort(Comparator.comparingLong((StatementCounts s) -> s.hits + s.misses).reversed());
        return all;
    }
}
