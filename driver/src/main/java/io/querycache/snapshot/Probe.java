package io.querycache.snapshot;

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
    AS_OBJECT(Object.class);

    static final Probe[] ALL = values();

    /** For getObject(column, type): the target type; null for the other getters. */
    final Class<?> type;

    Probe() {
        this(null);
    }

    Probe(Class<?> type) {
        this.type = type;
    }

    private static final java.util.Set<String> TEMPORAL_PROBES = java.util.Set.of("DATE", "TIME", "TIMESTAMP",
            "AS_DATE", "AS_TIME", "AS_TIMESTAMP", "AS_LOCAL_DATE", "AS_LOCAL_TIME", "AS_LOCAL_DATE_TIME",
            "AS_OFFSET_DATE_TIME", "AS_OFFSET_TIME", "AS_ZONED_DATE_TIME", "AS_INSTANT", "STRING", "AS_STRING",
            "DATE_CAL", "TIME_CAL", "TIMESTAMP_CAL");
    private static final java.util.Set<String> NUMERIC_PROBES = java.util.Set.of("BOOLEAN", "AS_BOOLEAN",
            "BIG_DECIMAL", "AS_BIG_DECIMAL", "DOUBLE", "AS_DOUBLE", "FLOAT", "AS_FLOAT");
    private static final java.util.Set<String> BOOLEAN_PROBES = java.util.Set.of("BYTE", "SHORT", "INT", "LONG",
            "FLOAT", "DOUBLE", "BIG_DECIMAL", "STRING", "AS_BYTE", "AS_SHORT", "AS_INTEGER", "AS_LONG", "AS_FLOAT",
            "AS_DOUBLE", "AS_BIG_DECIMAL", "AS_BIG_INTEGER", "AS_STRING");
    private static final java.util.Set<String> TEXT_CONVERSION_PROBES = java.util.Set.of("BOOLEAN", "BYTE", "SHORT",
            "INT", "LONG", "FLOAT", "DOUBLE", "BIG_DECIMAL", "DATE", "TIME", "TIMESTAMP", "DATE_CAL", "TIME_CAL",
            "TIMESTAMP_CAL", "AS_BOOLEAN", "AS_BYTE", "AS_SHORT", "AS_INTEGER", "AS_LONG", "AS_FLOAT", "AS_DOUBLE",
            "AS_BIG_DECIMAL", "AS_BIG_INTEGER", "AS_DATE", "AS_TIME", "AS_TIMESTAMP", "AS_LOCAL_DATE",
            "AS_LOCAL_TIME", "AS_LOCAL_DATE_TIME", "AS_OFFSET_DATE_TIME", "AS_OFFSET_TIME", "AS_ZONED_DATE_TIME",
            "AS_INSTANT", "AS_UUID");
    private static final java.util.Set<String> BINARY_PROBES = java.util.Set.of("ASCII_STREAM", "CHARACTER_STREAM",
            "STRING", "AS_STRING", "CLOB", "INT", "LONG", "AS_INTEGER", "AS_LONG", "AS_UUID");

    /**
     * True for a getter whose answer depends on the value in ways no single sample reveals (calendar
     * systems before 1583, undecodable bytes): its live answer is always recorded.
     */
    boolean valueDependent(Object value) {
        if (value == null) {
            return false;
        }
        if (!value.getClass().getName().startsWith("java.") && !(value instanceof byte[])
                && !value.getClass().getName().startsWith("io.querycache.")) {
            return true; // a driver's own type (PGobject, PGInterval...): its conversions are the driver's business
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            // Exact integers convert unambiguously, except to boolean (pgjdbc refuses 2, H2 says true).
            return this == BOOLEAN || this == AS_BOOLEAN;
        }
        if (value instanceof Number) {
            return NUMERIC_PROBES.contains(name());
        }
        if (value instanceof String) {
            // Drivers parse text their own ways ("12.5" is 12 to MariaDB, an error to H2): where a text could
            // be read as a number, a time or a boolean, the live answers are kept.
            return looksConvertible((String) value) && TEXT_CONVERSION_PROBES.contains(name());
        }
        if (value instanceof Boolean) {
            return BOOLEAN_PROBES.contains(name()); // MySQL's TINYINT(1) 127 is TRUE to getObject, 127 to getInt
        }
        if (value instanceof java.util.Date || value instanceof java.time.temporal.Temporal) {
            return TEMPORAL_PROBES.contains(name());
        }
        if (value instanceof byte[]) {
            return BINARY_PROBES.contains(name());
        }
        return false;
    }

    private static final Probe[] NONE = new Probe[0];
    private static final java.util.Map<String, Probe[]> DEPENDENT = new java.util.concurrent.ConcurrentHashMap<>();

    /** The probes whose answers depend on this very value and must be recorded (usually none). */
    static Probe[] dependentOn(Object value) {
        if (value == null || value instanceof String && !looksConvertible((String) value)) {
            return NONE;
        }
        String category = value instanceof String ? "text" : value.getClass().getName();
        return DEPENDENT.computeIfAbsent(category, k -> {
            java.util.List<Probe> probes = new java.util.ArrayList<>();
            for (Probe p : ALL) {
                if (p.valueDependent(value)) {
                    probes.add(p);
                }
            }
            return probes.toArray(NONE);
        });
    }

    private static boolean looksConvertible(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return true;
        }
        char c = t.charAt(0);
        if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
            return true;
        }
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "t": case "f": case "true": case "false": case "y": case "n": case "yes": case "no": case "on":
            case "off": case "nan": case "infinity": case "-infinity":
                return true;
            default:
                return t.length() == 36 && t.charAt(8) == '-'; // a UUID
        }
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

    private static java.util.Calendar utc() {
        return java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
    }

    /**
     * A getter that takes a Calendar: its answer depends on the calendar, so only a refusal (which does not)
     * can be recorded; values are always derived.
     */
    boolean takesCalendar() {
        return this == DATE_CAL || this == TIME_CAL || this == TIMESTAMP_CAL;
    }

    /** LOBs, arrays and streams by content, so that a copy compares equal to the original. */
    private static Object comparable(Object v) throws SQLException {
        if (v instanceof Clob) {
            Clob c = (Clob) v;
            return c.length() == 0 ? "" : c.getSubString(1, (int) c.length());
        }
        if (v instanceof Blob) {
            Blob b = (Blob) v;
            // SerialBlob refuses getBytes(1, 0) on an empty blob: read "nothing" as nothing.
            return b.length() == 0 ? new byte[0] : b.getBytes(1, (int) b.length());
        }
        if (v instanceof Clob) {
            Clob c = (Clob) v;
            return c.length() == 0 ? "" : c.getSubString(1, (int) c.length());
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
            return new SQLException(e.getMessage(), "HY000", e);
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
            return new SQLException(e.getMessage(), "HY000", e);
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
        final Object elements;

        ArrayContent(java.sql.Array array) throws SQLException {
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
            return o instanceof ArrayContent && Arrays.deepEquals(new Object[] {elements},
                    new Object[] {((ArrayContent) o).elements});
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {elements});
        }
    }
}
