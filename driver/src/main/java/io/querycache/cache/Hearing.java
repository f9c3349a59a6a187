package io.querycache.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a cache hears every invalidation (SPEC 5.3, G4). Each listener that carries invalidations from
 * outside the process (a bus, a change feed) says when it may be missing some ("deaf") and when it is sure
 * again; while any is deaf the cache serves no hits and stores nothing.
 */
final class Hearing {

    private final Set<Object> deafSources = ConcurrentHashMap.newKeySet();
    private final AtomicLong deafSince = new AtomicLong(-1);
    private final AtomicLong deafNanos = new AtomicLong();
    /** Read on every hit: one volatile read. */
    private volatile boolean deaf;

    boolean deaf() {
        return deaf;
    }

    /** @return true when the cache was hearing until now */
    synchronized boolean becameDeaf(Object source, long now) {
        deafSources.add(source);
        if (deaf) {
            return false;
        }
        deaf = true;
        deafSince.set(now);
        return true;
    }

    /** @return true when no listener is deaf any more: the caller flushes, then calls {@link #restored}. */
    synchronized boolean hears(Object source) {
        return deafSources.remove(source) && deafSources.isEmpty() && deaf;
    }

    /** Serves again, unless a listener became deaf meanwhile. */
    synchronized void restored(long now) {
        if (deaf && deafSources.isEmpty()) {
            deaf = false;
            deafNanos.addAndGet(now - deafSince.getAndSet(-1));
        }
    }

    /** Total time spent deaf, including the current stretch. */
    long deafNanos(long now) {
        long since = deafSince.get();
        return deafNanos.get() + (since < 0 ? 0 : now - since);
    }
}
