package io.querycache.snapshot;

import io.querycache.error.SqlState;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The getters whose answer a snapshot must reproduce. Drivers convert between types in their own ways
 * (H2 turns an INTEGER into four bytes, pgjdbc a boolean into "t"); rather than guess, capture asks the
 * live driver: on a column's first null and first non-null cell it compares each getter's live answer
 * with the snapshot's derived one, and from then on records the live answer of every getter that differed.
 */
enum Probe {
    STRING, NSTRING, NCHARACTER_STREAM, DATE_CAL, TIME_CAL, TIMESTAMP_CAL, BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BIG_DECIMAL, BYTES, DATE, TIME, TIMESTAMP,
    ASCII_STREAM, BINARY_STREAM, CHARACTER_STREAM, OBJECT_MAP, BLOB, CLOB, ARRAY, URL,
    AS_STRING(String.class), AS_INTEGER(Integer.class), AS_LONG(Long.class), AS_SHORT(Short.class),
    AS_BYTE(Byte.class), AS_BOOLEAN(Boolean.class), AS_DOUBLE(Double.class), AS_FLOAT(Float.class),
    AS_BIG_DECIMAL(BigDecimal.class), AS_BIG_INTEGER(BigInteger.class), AS_BYTES(byte[].class),
    AS_DATE(java.sql.Date.class), AS_TIME(Time.class), AS_TIMESTAMP(Timestamp.class),
    AS_LOCAL_DATE(LocalDate.class), AS_LOCAL_TIME(LocalTime.class), AS_LOCAL_DATE_TIME(LocalDateTime.class),
    AS_OFFSET_DATE_TIME(OffsetDateTime.class), AS_OFFSET_TIME(OffsetTime.class),
    AS_ZONED_DATE_TIME(ZonedDateTime.class), AS_INSTANT(Instant.class), AS_UUID(UUID.class),
    AS_UTIL_DATE(java.util.Date.class), AS_CHARACTER(Character.class), AS_DURATION(java.time.Duration.class),
    AS_OBJECT(Object.class);

    static final Probe[] ALL = values();
    /** The bits of every getter ({@link #bit}). */
    static final long ALL_BITS = -1L >>> (64 - ALL.length);

    /** The bits of these getters. */
    static long bits(Probe[] probes) {
        long bits = 0;
        for (Probe p : probes) {
            bits |= p.bit;
        }
        return bits;
    }

    /** For getObject(column, type): the target type; null for the other getters. */
    final Class<?> type;
    /** This getter's bit in a column's set of recorded getters ({@link Snapshot#derives}). */
    final long bit = 1L << ordinal();

    Probe() {
        this(null);
    }

    Probe(Class<?> type) {
        this.type = type;
    }

    /** The probe of {@code getObject(column, type)}, or null for a type outside the ladder. */
    static Probe forType(Class<?> type) {
        for (Probe p : ALL) {
            if (p.type == type) {
                return p;
            }
        }
        return null;
    }

    /** What the getter answers on the current row: its value in comparable form, or the exception it threw. */
    static Object read(ResultSet rs, int column, Probe probe) {
        try {
            switch (probe) {
                case STRING: return rs.getString(column);
                case NSTRING: return rs.getNString(column);
                case NCHARACTER_STREAM: return text(rs.getNCharacterStream(column));
                case DATE_CAL: return rs.getDate(column, utc());
                case TIME_CAL: return rs.getTime(column, utc());
                case TIMESTAMP_CAL: return rs.getTimestamp(column, utc());
                case BOOLEAN: return rs.getBoolean(column);
                case BYTE: return rs.getByte(column);
                case SHORT: return rs.getShort(column);
                case INT: return rs.getInt(column);
                case LONG: return rs.getLong(column);
                case FLOAT: return rs.getFloat(column);
                case DOUBLE: return rs.getDouble(column);
                case BIG_DECIMAL: return rs.getBigDecimal(column);
                case BYTES: return rs.getBytes(column);
                case DATE: return rs.getDate(column);
                case TIME: return rs.getTime(column);
                case TIMESTAMP: return rs.getTimestamp(column);
                case ASCII_STREAM: return bytes(rs.getAsciiStream(column));
                case BINARY_STREAM: return bytes(rs.getBinaryStream(column));
                case CHARACTER_STREAM: return text(rs.getCharacterStream(column));
                case OBJECT_MAP: return comparable(rs.getObject(column, Map.of()));
                case BLOB: return comparable(rs.getBlob(column));
                case CLOB: return comparable(rs.getClob(column));
                case ARRAY: return comparable(rs.getArray(column));
                case URL: return rs.getURL(column);
                default: return comparable(rs.getObject(column, probe.type));
            }
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    /** The result set's getHoldability answer, or what it threw. */
    static Object holdability(ResultSet rs) {
        try {
            return rs.getHoldability();
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    /** The result set's getFetchDirection answer, or what it threw. */
    static Object fetchDirection(ResultSet rs) {
        try {
            return rs.getFetchDirection();
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    private static java.util.Calendar utc() {
        return java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
    }

    /** LOBs, arrays and streams by content, so that a copy compares equal to the original. */
    private static Object comparable(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Number || v instanceof java.util.Date
                || v instanceof byte[] || v instanceof java.time.temporal.Temporal) {
            return v; // the common answers, told apart before the interface checks below (costly when alternating)
        }
        if (v instanceof Clob) {
            Clob c = (Clob) v;
            return c.getSubString(1, (int) c.length()); // also on an empty CLOB: the drivers answer ""
        }
        if (v instanceof Blob) {
            Blob b = (Blob) v;
            return b.getBytes(1, (int) b.length()); // also on an empty BLOB: the drivers answer no bytes
        }
        if (v instanceof java.sql.Array) {
            return new ArrayContent((java.sql.Array) v);
        }
        return v;
    }

    private static Object bytes(InputStream in) {
        try {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return new SQLException(e.getMessage(), SqlState.GENERAL_ERROR.code(), e);
        }
    }

    private static Object text(Reader in) {
        if (in == null) {
            return null;
        }
        try {
            StringBuilder s = new StringBuilder();
            char[] buffer = new char[512];
            int n;
            while ((n = in.read(buffer)) > 0) {
                s.append(buffer, 0, n);
            }
            return s.toString();
        } catch (IOException e) {
            return new SQLException(e.getMessage(), SqlState.GENERAL_ERROR.code(), e);
        }
    }

    /** Same answer: equal values (arrays by content), or both threw (same SQLState when both have one). */
    static boolean same(Object a, Object b) {
        if (a instanceof Throwable || b instanceof Throwable) {
            if (!(a instanceof SQLException) || !(b instanceof SQLException)) {
                return a != null && b != null && a.getClass() == b.getClass();
            }
            String x = ((SQLException) a).getSQLState();
            String y = ((SQLException) b).getSQLState();
            return x == null || y == null || x.equals(y);
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a != null && b != null && a.getClass().isArray() && b.getClass().isArray()) {
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        return Objects.equals(a, b);
    }

    /** An array's base type and elements, compared by content. */
    static final class ArrayContent {
        final int baseType;
        final String baseTypeName;
        final Object elements;

        ArrayContent(java.sql.Array array) throws SQLException {
            this.baseType = array.getBaseType();
            this.baseTypeName = array.getBaseTypeName();
            Object e = array.getArray();
            if (e instanceof Object[]) {
                Object[] source = (Object[]) e;
                Object[] plain = new Object[source.length];
                for (int i = 0; i < source.length; i++) {
                    plain[i] = comparable(source[i]);
                }
                e = plain;
            }
            this.elements = e;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayContent && baseType == ((ArrayContent) o).baseType
                    && Objects.equals(baseTypeName, ((ArrayContent) o).baseTypeName)
                    && Arrays.deepEquals(new Object[] {elements}, new Object[] {((ArrayContent) o).elements});
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {elements});
        }
    }
}
