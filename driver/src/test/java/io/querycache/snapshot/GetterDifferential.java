package io.querycache.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Walks a live result set and a candidate (a snapshot) in lockstep and calls every standard getter on
 * every cell, by index and by label, comparing what they return (contents for streams, LOBs and arrays) or
 * that both threw. Reused for H2, PostgreSQL and MariaDB.
 */
public final class GetterDifferential {

    /** The getters compared, in a fixed order. */
    public enum Getter {
        STRING, NSTRING, BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BIG_DECIMAL, BYTES, DATE, TIME, TIMESTAMP,
        DATE_CAL, TIME_CAL, TIMESTAMP_CAL, ASCII_STREAM, BINARY_STREAM, CHARACTER_STREAM, NCHARACTER_STREAM, OBJECT,
        OBJECT_MAP, BLOB, CLOB, ARRAY, URL
    }

    public static final List<Class<?>> LADDER = List.of(String.class, Integer.class, Long.class, Short.class, Byte.class,
            Boolean.class, Double.class, Float.class, BigDecimal.class, BigInteger.class, byte[].class,
            java.sql.Date.class, Time.class, Timestamp.class, LocalDate.class, LocalTime.class, LocalDateTime.class,
            OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Instant.class, UUID.class, java.util.Date.class,
            Character.class, java.time.Duration.class, Object.class);

    private GetterDifferential() {
    }

    /**
     * Runs the query on the live connection and, hinted, on the querycache connection twice (a miss, then a
     * hit), and compares each querycache result with a fresh live one. Returns the mismatches of both rounds.
     */
    public static List<String> missAndHit(java.sql.Connection live, java.sql.Connection cached, String query,
                                          String hint) throws SQLException {
        return inTwoRounds(live, cached, query, hint, ResultSet.TYPE_FORWARD_ONLY, GetterDifferential::compare);
    }

    /** Compares two result sets: the differences, human-readable. */
    public interface Comparison {
        List<String> compare(ResultSet live, ResultSet candidate) throws SQLException;
    }

    /**
     * Runs the query on the live connection and, hinted, on the querycache connection twice (a miss, then a hit,
     * unless the result is not cached), with statements of this type, comparing each querycache result with a
     * fresh live one: the differences of both rounds.
     */
    public static List<String> inTwoRounds(java.sql.Connection live, java.sql.Connection cached, String query,
                                           String hint, int type, Comparison comparison) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        for (String round : List.of("miss", "hit")) {
            try (java.sql.Statement a = live.createStatement(type, ResultSet.CONCUR_READ_ONLY);
                 java.sql.Statement b = cached.createStatement(type, ResultSet.CONCUR_READ_ONLY);
                 ResultSet expected = a.executeQuery(query); ResultSet actual = b.executeQuery(hint + " " + query)) {
                for (String m : comparison.compare(expected, actual)) {
                    mismatches.add(round + ": " + m);
                }
            }
        }
        return mismatches;
    }

    /** The mismatches, human-readable; empty when the two agree everywhere. */
    public static List<String> compare(ResultSet live, ResultSet candidate) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        compareMetaData(live.getMetaData(), candidate.getMetaData(), mismatches);
        compareCursor(live, candidate, mismatches);
        int columns = live.getMetaData().getColumnCount();
        int row = 0;
        while (true) {
            boolean a = live.next();
            boolean b = candidate.next();
            if (a != b) {
                mismatches.add("row " + (row + 1) + ": live next()=" + a + ", candidate next()=" + b);
                return mismatches;
            }
            if (!a) {
                return mismatches;
            }
            row++;
            for (int c = 1; c <= columns; c++) {
                String label = live.getMetaData().getColumnLabel(c);
                for (Getter g : Getter.values()) {
                    if (g.name().endsWith("_CAL") && beforeGregorian(live, c)) {
                        // Drivers disagree on the calendar before 1583 (H2 proleptic, pgjdbc Julian): see README.
                        continue;
                    }
                    compareCell(row, label, g.name(), get(live, c, null, g), wasNull(live),
                            get(candidate, c, null, g), wasNull(candidate), mismatches);
                    compareCell(row, label, g.name() + " by label", get(live, 0, label, g), wasNull(live),
                            get(candidate, 0, label, g), wasNull(candidate), mismatches);
                }
                for (Class<?> type : LADDER) {
                    compareCell(row, label, ladderName(type), getObject(live, c, type),
                            wasNull(live), getObject(candidate, c, type), wasNull(candidate), mismatches);
                }
            }
        }
    }

    /** The name of getObject(column, type) in mismatches: getObject(Timestamp), getObject(java.util.Date)... */
    public static String ladderName(Class<?> type) {
        return "getObject(" + (type == java.util.Date.class ? type.getName() : type.getSimpleName()) + ")";
    }

    /** What the result set says of itself: its holdability and fetch direction. */
    private static void compareCursor(ResultSet live, ResultSet candidate, List<String> mismatches) {
        compareCell(0, "-", "getHoldability", Probe.holdability(live), null, Probe.holdability(candidate), null, mismatches);
        compareCell(0, "-", "getFetchDirection", Probe.fetchDirection(live), null, Probe.fetchDirection(candidate), null,
                mismatches);
    }

    private static boolean beforeGregorian(ResultSet rs, int column) {
        try {
            Object v = rs.getObject(column);
            return v instanceof java.util.Date && ((java.util.Date) v).getTime() < -12_219_292_800_000L;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static Object wasNull(ResultSet rs) {
        try {
            return rs.wasNull();
        } catch (SQLException e) {
            return e;
        }
    }

    private static void compareMetaData(ResultSetMetaData a, ResultSetMetaData b, List<String> mismatches)
            throws SQLException {
        if (a.getColumnCount() != b.getColumnCount()) {
            mismatches.add("column count " + a.getColumnCount() + " vs " + b.getColumnCount());
            return;
        }
        for (int c = 1; c <= a.getColumnCount(); c++) {
            for (String property : List.of("label", "name", "type", "typeName", "className", "precision", "scale",
                    "displaySize", "nullable", "autoIncrement", "caseSensitive", "searchable", "currency", "signed",
                    "readOnly", "writable", "definitelyWritable", "table", "schema", "catalog")) {
                Object x = meta(a, c, property);
                Object y = meta(b, c, property);
                if (!same(x, y)) {
                    mismatches.add("metadata column " + c + " " + property + ": live " + describe(x)
                            + ", snapshot " + describe(y));
                }
            }
        }
    }

    private static Object meta(ResultSetMetaData m, int c, String property) {
        try {
            switch (property) {
                case "label": return m.getColumnLabel(c);
                case "name": return m.getColumnName(c);
                case "type": return m.getColumnType(c);
                case "typeName": return m.getColumnTypeName(c);
                case "className": return m.getColumnClassName(c);
                case "precision": return m.getPrecision(c);
                case "scale": return m.getScale(c);
                case "displaySize": return m.getColumnDisplaySize(c);
                case "nullable": return m.isNullable(c);
                case "autoIncrement": return m.isAutoIncrement(c);
                case "caseSensitive": return m.isCaseSensitive(c);
                case "searchable": return m.isSearchable(c);
                case "currency": return m.isCurrency(c);
                case "signed": return m.isSigned(c);
                case "readOnly": return m.isReadOnly(c);
                case "writable": return m.isWritable(c);
                case "definitelyWritable": return m.isDefinitelyWritable(c);
                case "table": return m.getTableName(c);
                case "schema": return m.getSchemaName(c);
                default: return m.getCatalogName(c);
            }
        } catch (SQLException e) {
            return e;
        }
    }

    private static void compareCell(int row, String column, String getter, Object live, Object liveNull,
                                    Object candidate, Object candidateNull, List<String> mismatches) {
        if (!same(live, candidate)) {
            mismatches.add("row " + row + " column " + column + " " + getter + ": live " + describe(live)
                    + ", snapshot " + describe(candidate));
        } else if (!same(liveNull, candidateNull)) {
            mismatches.add("row " + row + " column " + column + " " + getter + " wasNull: live " + liveNull
                    + ", snapshot " + candidateNull);
        }
    }

    private static String describe(Object v) {
        if (v instanceof Throwable) {
            return "threw " + v;
        }
        if (v instanceof byte[]) {
            return Arrays.toString((byte[]) v);
        }
        if (v instanceof Object[]) {
            return Arrays.deepToString((Object[]) v);
        }
        return v == null ? "null" : v + " (" + v.getClass().getName() + ")";
    }

    /** Equal values, or both threw SQLExceptions (with the same SQLState when both have one). */
    private static boolean same(Object a, Object b) {
        if (a instanceof SQLException || b instanceof SQLException) {
            return a instanceof SQLException && b instanceof SQLException;
        }
        if (a instanceof Throwable || b instanceof Throwable) {
            return a != null && b != null && a.getClass() == b.getClass();
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b) || same(
                    new String((byte[]) a, java.nio.charset.StandardCharsets.ISO_8859_1),
                    new String((byte[]) b, java.nio.charset.StandardCharsets.ISO_8859_1))
                    && IDENTITY_TEXT.matcher(new String((byte[]) a, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .matches();
        }
        if (a != null && b != null && a.getClass().isArray() && b.getClass().isArray()) {
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        if (a instanceof String && b instanceof String && IDENTITY_TEXT.matcher((String) a).matches()
                && IDENTITY_TEXT.matcher((String) b).matches()) {
            // pgjdbc's getString of a bytea received in binary is the byte array's Object.toString ("[B@1b6d3586"):
            // no two calls agree, live or not; that both answer one is what can be compared.
            return true;
        }
        return Objects.equals(a, b);
    }

    private static final java.util.regex.Pattern IDENTITY_TEXT = java.util.regex.Pattern.compile("\\[B@[0-9a-f]+");

    public static Object get(ResultSet rs, int c, String label, Getter g) {
        try {
            boolean byIndex = label == null;
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            switch (g) {
                case STRING: return byIndex ? rs.getString(c) : rs.getString(label);
                case NSTRING: return byIndex ? rs.getNString(c) : rs.getNString(label);
                case BOOLEAN: return byIndex ? rs.getBoolean(c) : rs.getBoolean(label);
                case BYTE: return byIndex ? rs.getByte(c) : rs.getByte(label);
                case SHORT: return byIndex ? rs.getShort(c) : rs.getShort(label);
                case INT: return byIndex ? rs.getInt(c) : rs.getInt(label);
                case LONG: return byIndex ? rs.getLong(c) : rs.getLong(label);
                case FLOAT: return byIndex ? rs.getFloat(c) : rs.getFloat(label);
                case DOUBLE: return byIndex ? rs.getDouble(c) : rs.getDouble(label);
                case BIG_DECIMAL: return byIndex ? rs.getBigDecimal(c) : rs.getBigDecimal(label);
                case BYTES: return byIndex ? rs.getBytes(c) : rs.getBytes(label);
                case DATE: return byIndex ? rs.getDate(c) : rs.getDate(label);
                case TIME: return byIndex ? rs.getTime(c) : rs.getTime(label);
                case TIMESTAMP: return byIndex ? rs.getTimestamp(c) : rs.getTimestamp(label);
                case DATE_CAL: return byIndex ? rs.getDate(c, utc) : rs.getDate(label, utc);
                case TIME_CAL: return byIndex ? rs.getTime(c, utc) : rs.getTime(label, utc);
                case TIMESTAMP_CAL: return byIndex ? rs.getTimestamp(c, utc) : rs.getTimestamp(label, utc);
                case ASCII_STREAM: return bytes(byIndex ? rs.getAsciiStream(c) : rs.getAsciiStream(label));
                case BINARY_STREAM: return bytes(byIndex ? rs.getBinaryStream(c) : rs.getBinaryStream(label));
                case CHARACTER_STREAM: return text(byIndex ? rs.getCharacterStream(c) : rs.getCharacterStream(label));
                case NCHARACTER_STREAM: return text(byIndex ? rs.getNCharacterStream(c) : rs.getNCharacterStream(label));
                case OBJECT: return plain(byIndex ? rs.getObject(c) : rs.getObject(label));
                case OBJECT_MAP: return plain(byIndex ? rs.getObject(c, Map.of()) : rs.getObject(label, Map.of()));
                case BLOB: return plain(byIndex ? rs.getBlob(c) : rs.getBlob(label));
                case CLOB: return plain(byIndex ? rs.getClob(c) : rs.getClob(label));
                case ARRAY: return plain(byIndex ? rs.getArray(c) : rs.getArray(label));
                default: return byIndex ? rs.getURL(c) : rs.getURL(label);
            }
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    public static Object getObject(ResultSet rs, int c, Class<?> type) {
        try {
            return plain(rs.getObject(c, type));
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    /** LOBs and arrays by content, so that a copy equals the original. */
    static Object plain(Object v) throws SQLException {
        if (v instanceof Clob) {
            Clob c = (Clob) v;
            return c.getSubString(1, (int) c.length()); // also on an empty CLOB: the drivers answer ""
        }
        if (v instanceof Blob) {
            Blob b = (Blob) v;
            return b.getBytes(1, (int) b.length()); // also on an empty BLOB: the drivers answer no bytes
        }
        if (v instanceof java.sql.SQLXML) {
            // Compared by class and content: pgjdbc's PgSQLXML is not a Clob, nor equal to another one.
            return v.getClass().getName() + ": " + ((java.sql.SQLXML) v).getString();
        }
        if (v instanceof Array) {
            Array a = (Array) v;
            return new Object[] {a.getBaseType(), a.getBaseTypeName(), plain(a.getArray())};
        }
        if (v instanceof Object[]) {
            Object[] source = (Object[]) v;
            Object[] copy = new Object[source.length];
            for (int i = 0; i < source.length; i++) {
                copy[i] = plain(source[i]);
            }
            return copy;
        }
        return v;
    }

    private static Object bytes(InputStream in) {
        try {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return e;
        }
    }

    private static Object text(Reader in) {
        if (in == null) {
            return null;
        }
        try {
            StringBuilder s = new StringBuilder();
            char[] buffer = new char[256];
            int n;
            while ((n = in.read(buffer)) > 0) {
                s.append(buffer, 0, n);
            }
            return s.toString();
        } catch (IOException e) {
            return e;
        }
    }
}
