package io.querycache.sql;

import java.util.List;

/** A valid cache hint: its keys (case-sensitive, in order, without duplicates) and its TTL. */
public final class Hint {

    /** {@link #ttlMillis()} of a hint without TTL or with {@code inf}. */
    public static final long NO_TTL = -1;

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
    public long ttlMillis() { return ttlMillis; }

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
