package io.querycache.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The parameters bound to a hinted PreparedStatement, kept as normalised immutable values so they can be part
 * of a {@link CacheKey}. A parameter that is not a plain value (a stream, a Blob, an arbitrary object, a
 * Calendar variant) makes the execution uncacheable until it is set again or the parameters are cleared.
 */
public final class BoundParameters {

    private static final Set<Class<?>> IMMUTABLE_VALUES = Set.of(
            String.class, Boolean.class, Byte.class, Short.class, Integer.class, Long.class, Float.class,
            Double.class, Character.class, BigDecimal.class, BigInteger.class, LocalDate.class, LocalTime.class,
            LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, Instant.class, ZonedDateTime.class,
            Duration.class, UUID.class);

    private static final Object UNCACHEABLE = new Object() {
        @Override
        public String toString() {
            return "<uncacheable>";
        }
    };

    private Object[] values = new Object[8];
    private int count;
    private int uncacheable;

    /** Records a plain value set with a typed setter ({@code setInt}, {@code setString}, {@code setObject}...). */
    public void set(int index, Object value) {
        put(index, value == null ? new Typed(0, 0, null) : normalise(value));
    }

    /** Records {@code setNull(index, sqlType)} or {@code setObject(index, value, sqlType[, scale])}. */
    public void setTyped(int index, int sqlType, int scaleOrLength, Object value) {
        Object v = value == null ? null : normalise(value);
        put(index, v == UNCACHEABLE ? UNCACHEABLE : new Typed(sqlType, scaleOrLength, v));
    }

    /** Records a parameter that cannot be part of a key (stream, Blob, Clob, Array, Calendar variant...). */
    public void setUncacheable(int index) {
        put(index, UNCACHEABLE);
    }

    public void clear() {
        version++;
        Arrays.fill(values, 0, count, null);
        count = 0;
        uncacheable = 0;
    }

    /** True when every bound parameter is a plain value. */
    public boolean cacheable() {
        return uncacheable == 0;
    }

    /** A key over the live values, for a lookup; {@link CacheKey#detached()} copies it for storing. */
    public CacheKey lookupKey(String sql, long maxRows, int maxFieldSize) {
        CacheKey last = lastKey;
        if (last != null && lastKeyVersion == version && last.sameQuery(sql, maxRows, maxFieldSize)) {
            return last; // nothing was bound since: the same key, already hashed
        }
        CacheKey key = new CacheKey(sql, values, count, maxRows, maxFieldSize);
        lastKey = key;
        lastKeyVersion = version;
        return key;
    }

    /** The last lookup key and the {@link #version} it was made at: re-executing unchanged reuses it. */
    private CacheKey lastKey;
    private long lastKeyVersion;
    /** Counts changes to the bound values. */
    private long version;

    private void put(int index, Object value) {
        version++;
        int i = index - 1;
        if (i < 0) {
            // The driver reports the bad index itself; this statement just cannot be cached.
            uncacheable++;
            return;
        }
        if (i >= values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, i + 1));
        }
        if (values[i] == UNCACHEABLE) {
            uncacheable--;
        }
        values[i] = value;
        if (value == UNCACHEABLE) {
            uncacheable++;
        }
        if (i >= count) {
            count = i + 1;
        }
    }

    private static Object normalise(Object value) {
        Class<?> type = value.getClass();
        if (IMMUTABLE_VALUES.contains(type)) {
            return value;
        }
        if (type == byte[].class) {
            return new Bytes((byte[]) value);
        }
        // Mutable JDBC temporals: keep a private copy (same class, so Date and Timestamp stay distinct keys).
        if (type == java.sql.Timestamp.class) {
            java.sql.Timestamp t = (java.sql.Timestamp) value;
            java.sql.Timestamp copy = new java.sql.Timestamp(t.getTime());
            copy.setNanos(t.getNanos());
            return copy;
        }
        if (type == java.sql.Date.class) {
            return new java.sql.Date(((java.sql.Date) value).getTime());
        }
        if (type == java.sql.Time.class) {
            return new java.sql.Time(((java.sql.Time) value).getTime());
        }
        return UNCACHEABLE;
    }

    /** A byte array compared by content. */
    static final class Bytes {
        private final byte[] bytes;

        Bytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes && Arrays.equals(bytes, ((Bytes) o).bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** A value bound with an explicit SQL type (setNull, setObject with a target type). */
    static final class Typed {
        private final int sqlType;
        private final int scaleOrLength;
        private final Object value;

        Typed(int sqlType, int scaleOrLength, Object value) {
            this.sqlType = sqlType;
            this.scaleOrLength = scaleOrLength;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Typed)) {
                return false;
            }
            Typed t = (Typed) o;
            return sqlType == t.sqlType && scaleOrLength == t.scaleOrLength
                    && (value == null ? t.value == null
                        : t.value != null && value.getClass() == t.value.getClass() && value.equals(t.value));
        }

        @Override
        public int hashCode() {
            return (sqlType * 31 + scaleOrLength) * 31 + Objects.hashCode(value);
        }
    }
}
