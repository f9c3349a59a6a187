package io.querycache.cache;

import io.querycache.sql.SqlAnalysis;

import java.util.Arrays;

/**
 * Identifies one cached result within a cache: the exact SQL text, the bound parameters (value and type),
 * and the statement settings that change the rows returned. The namespace is the cache itself.
 */
public final class CacheKey {

    private static final Object[] NO_PARAMETERS = new Object[0];

    private final String sql;
    private final Object[] parameters;
    private final int parameterCount;
    private final long maxRows;
    private final int maxFieldSize;
    private final SessionFingerprint session;
    private final int hash;

    /**
     * A key for a plain Statement.
     */
    CacheKey(String sql, long maxRows, int maxFieldSize) {
        this(sql, NO_PARAMETERS, 0, maxRows, maxFieldSize);
    }

    /**
     * The key of a plain Statement. With default settings it is built once per SQL text and kept on the text's
     * analysis, so a hit allocates no key.
     */
    public static CacheKey plain(SqlAnalysis analysis, long maxRows, int maxFieldSize) {
        if (maxRows != 0 || maxFieldSize != 0) {
            return new CacheKey(analysis.sql(), maxRows, maxFieldSize);
        }
        Object kept = analysis.attachment();
        if (kept == null) {
            kept = new CacheKey(analysis.sql(), 0, 0);
            analysis.attach(kept);
        }
        return (CacheKey) kept;
    }

    /**
     * @param parameters normalised values from {@link BoundParameters}, of which the first
     *                   {@code parameterCount} count; the array is not copied, so a key that is stored must be
     *                   given a copy ({@link #detached()}).
     */
    CacheKey(String sql, Object[] parameters, int parameterCount, long maxRows, int maxFieldSize) {
        this.session = SessionFingerprint.INITIAL;
        this.sql = sql;
        this.parameters = parameters;
        this.parameterCount = parameterCount;
        this.maxRows = maxRows;
        this.maxFieldSize = maxFieldSize;
        int h = sql.hashCode();
        for (int i = 0; i < parameterCount; i++) {
            Object p = parameters[i];
            h = 31 * h + (p == null ? 0 : p.hashCode());
        }
        h = 31 * h + Long.hashCode(maxRows);
        this.hash = 31 * h + maxFieldSize;
    }

    private CacheKey(CacheKey key, SessionFingerprint session) {
        this.sql = key.sql;
        this.parameters = key.parameters;
        this.parameterCount = key.parameterCount;
        this.maxRows = key.maxRows;
        this.maxFieldSize = key.maxFieldSize;
        this.session = session;
        this.hash = 31 * key.hash + System.identityHashCode(session);
    }

    /**
     * This key in a changed session. The fingerprint is interned (or unique), so keys compare it by reference.
     * Keys of the initial session are built without it, as before.
     */
    public CacheKey in(SessionFingerprint session) {
        return session == this.session ? this : new CacheKey(this, session);
    }

    /** This key with its own copy of the parameters, safe to store. */
    public CacheKey detached() {
        return parameterCount == 0 ? this
                : new CacheKey(sql, Arrays.copyOf(parameters, parameterCount), parameterCount, maxRows, maxFieldSize)
                        .in(session);
    }

    /** Same SQL text (the same instance), row limit and field size limit. */
    boolean sameQuery(String sql, long maxRows, int maxFieldSize) {
        return this.sql == sql && this.maxRows == maxRows && this.maxFieldSize == maxFieldSize;
    }

    public String sql() {
        return sql;
    }

    /** Rough retained size of the key itself, for the cache's byte budget. */
    public long estimatedBytes() {
        return 48 + 40 + 2L * sql.length() + 16 + 24L * parameterCount;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CacheKey)) {
            return false;
        }
        CacheKey k = (CacheKey) o;
        if (hash != k.hash || session != k.session || maxRows != k.maxRows || maxFieldSize != k.maxFieldSize
                || parameterCount != k.parameterCount || !sql.equals(k.sql)) {
            return false;
        }
        for (int i = 0; i < parameterCount; i++) {
            Object a = parameters[i];
            Object b = k.parameters[i];
            // Same value and same Java type: setInt(1, 5) and setLong(1, 5) are different keys.
            if (a != b && (a == null || b == null || a.getClass() != b.getClass() || !a.equals(b))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        // Parameter values are deliberately left out: they can be personal data.
        return "CacheKey{" + io.querycache.sql.SqlText.forLog(sql) + ", " + parameterCount + " parameters, maxRows=" + maxRows
                + (session.isInitial() ? "" : ", " + session) + '}';
    }
}
