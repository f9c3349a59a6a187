package io.querycache.cache;

import io.querycache.snapshot.Snapshot;
import io.querycache.sql.Footprint;
import io.querycache.sql.SqlAnalysis;

/** A stored result: the snapshot, what it depends on, when its load started, and its TTL. */
public final class CacheEntry {

    /** TTL of an entry that lives until it is invalidated or evicted. */
    public static final long NO_EXPIRY = SqlAnalysis.NO_EXPIRY;

    private final Snapshot snapshot;
    private final Footprint dependsOn;
    private final long loadStart;
    private final long ttlNanos;
    private final int weight;
    /** With a TTL: the clock reading at which the entry expires, set when it is stored, pushed back when it slides. */
    private volatile long expiresAt;
    /** {@link Generations#settled()} as read before the entry was last found current; -1 before that. */
    private volatile long checkedAt = -1;
    /** The counters of the entry's statement, set when the entry is stored (before any reader can see it). */
    StatementCounters statement;

    /**
     * @param loadStart the cache's generation when the load started ({@link ResultCache#generation()})
     * @param ttlNanos  time to live, or {@link #NO_EXPIRY}
     */
    public CacheEntry(Snapshot snapshot, Footprint dependsOn, long loadStart, long ttlNanos, long keyBytes) {
        this.snapshot = snapshot;
        this.dependsOn = dependsOn;
        this.loadStart = loadStart;
        this.ttlNanos = ttlNanos;
        this.weight = (int) Math.min(Integer.MAX_VALUE, snapshot.estimatedBytes() + keyBytes + 64);
    }

    public Snapshot snapshot() { return snapshot; }

    Footprint dependsOn() { return dependsOn; }

    long loadStart() { return loadStart; }

    int weight() { return weight; }

    boolean hasTtl() { return ttlNanos != NO_EXPIRY; }

    /**
     * Starts the TTL at {@code now}. Clock readings are compared by their difference, as {@link System#nanoTime}
     * must be (it may be negative, and wraps), so a deadline lies at most 2^62 ns (146 years) ahead: a longer TTL
     * counts as that.
     */
    void startTtl(long now) {
        expiresAt = now + cappedTtl();
    }

    /** Whether the TTL ran out by {@code now}; only for an entry {@link #hasTtl with one}. */
    boolean expiredAt(long now) {
        return now - expiresAt >= 0;
    }

    /**
     * Restarts a sliding TTL, but only once 1/64 of it has passed since the last restart: rewriting the deadline on
     * every hit would make every reader write the same entry (a shared cache line), and an entry that expires up to
     * 1/64 of its TTL early only reloads a little sooner.
     */
    void slide(long now) {
        long ttl = cappedTtl();
        if (ttl - (expiresAt - now) >= (ttl >> 6)) {
            expiresAt = now + ttl;
        }
    }

    private long cappedTtl() {
        return Math.min(ttlNanos, Long.MAX_VALUE >> 1);
    }

    long checkedAt() { return checkedAt; }

    void checkedAt(long settled) { this.checkedAt = settled; }
}
