package io.querycache.bus;

/** Delays between reconnection attempts: 100 ms, doubling up to 5 s, back to 100 ms after a success. */
final class Backoff {

    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 5_000;

    private long next = FIRST_MILLIS;

    synchronized long nextMillis() {
        long now = next;
        next = Math.min(MAX_MILLIS, next * 2);
        return now;
    }

    synchronized void reset() {
        next = FIRST_MILLIS;
    }
}
