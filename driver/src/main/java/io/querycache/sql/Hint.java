package io.querycache.sql;

import java.util.List;

/** A valid cache hint: its keys (case-sensitive, in order, without duplicates) and its TTL. */
final class Hint {

    /** {@link #ttlMillis()} of a hint without TTL or with {@code inf}. */
    static final long NO_TTL = -1;

    /**
     * The largest TTL a hint may give, 53,375 days: in nanoseconds it stays within what the cache's expiry (Caffeine)
     * honours as a duration, Long.MAX_VALUE / 2. A larger one is rejected rather than clamped: it can only be a
     * mistake (a unit mixed up) or a wish for no expiry, which "inf" says.
     */
    static final long MAX_TTL_MILLIS = (Long.MAX_VALUE / 2) / 1_000_000L / 86_400_000L * 86_400_000L;

    private final List<String> keys;
    private final long ttlMillis;
    private final String text;

    Hint(List<String> keys, long ttlMillis, String text) {
        this.keys = List.copyOf(keys);
        this.ttlMillis = ttlMillis;
        this.text = text;
    }

    public List<String> keys() { return keys; }

    /** Milliseconds, or {@link #NO_TTL}. */
    long ttlMillis() { return ttlMillis; }

    /** The hint comment as written. */
    public String text() { return text; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hint && ((Hint) o).keys.equals(keys) && ((Hint) o).ttlMillis == ttlMillis;
    }

    @Override
    public int hashCode() {
        return keys.hashCode() * 31 + Long.hashCode(ttlMillis);
    }

    @Override
    public String toString() {
        return "Hint" + keys + (ttlMillis == NO_TTL ? "" : " ttl=" + ttlMillis + "ms");
    }
}
