package io.querycache.snapshot;

import io.querycache.error.SqlState;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Map;
import java.util.UUID;

/**
 * A read-only cursor over a {@link Snapshot}. Many cursors share one snapshot; a cursor is a position and
 * a few flags, so a cache hit allocates little. Every getter goes through {@link #cell(int)}, which checks
 * the state and the column and sets {@code wasNull}; conversions follow the live value's type.
 */
public final class SnapshotResultSet extends ReadOnlyResultSet {

    private static final String CONVERSION = SqlState.INVALID_CAST.code();
    private static final String INVALID_CURSOR = SqlState.INVALID_CURSOR_STATE.code();

    private final Snapshot snapshot;
    private final int type;
    private final Statement statement;
    private final int rowCount;
    private final int columnCount;
    /** 0 = before first, rowCount + 1 = after last; changed only by {@link #moveTo}. */
    private int row;
    /** The current row's cells; null when there is none (before the first, after the last, or closed). */
    private Object[] current;
    private boolean wasNull;
    private boolean closed;
    private int fetchSize;
    private int fetchDirection = ResultSet.FETCH_FORWARD;
    private boolean fetchDirectionSet;

    /**
     * @param type      {@link ResultSet#TYPE_FORWARD_ONLY} or {@link ResultSet#TYPE_SCROLL_INSENSITIVE}
     * @param statement what {@link #getStatement()} returns (the proxy statement), or null
     */
    public SnapshotResultSet(Snapshot snapshot, int type, Statement statement) {
        this.snapshot = snapshot;
        this.type = type == ResultSet.TYPE_FORWARD_ONLY ? type : ResultSet.TYPE_SCROLL_INSENSITIVE;
        this.statement = statement;
        this.rowCount = snapshot.rowCount();
        this.columnCount = snapshot.metaData().getColumnCount();
    }

    // ---- state and cells ---------------------------------------------------------------------------------

    @Override
    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("The result set is closed", SqlState.FUNCTION_SEQUENCE_ERROR.code());
        }
    }

    /**
     * The one place that checks the state, the row and the column: the current cell's value, with
     * {@code wasNull} set. Every getter starts here, directly or through {@link #recorded}.
     */
    private Object cell(int column) throws SQLException {
        Object[] cells = current;
        if (cells == null || column < 1 || column > cells.length) {
            throw invalidCell(column);
        }
        Object value = cells[column - 1];
        wasNull = value == null;
        return value;
    }

    /** Moves the cursor; the one place that sets {@link #row} and {@link #current}. */
    private boolean moveTo(int newRow) {
        row = newRow;
        boolean onRow = newRow >= 1 && newRow <= rowCount;
        current = onRow && !closed ? snapshot.row(newRow - 1) : null;
        return onRow;
    }

    /** What is wrong with reading that column now, in the order a driver checks it. */
    private SQLException invalidCell(int column) {
        if (closed) {
            return new SQLException("The result set is closed", SqlState.FUNCTION_SEQUENCE_ERROR.code());
        }
        if (row < 1 || row > rowCount) {
            return new SQLException(row < 1 ? "No current row: call next() first" : "No current row: after the last row",
                    INVALID_CURSOR);
        }
        return new SQLException("Column index " + column + " is out of range 1.." + columnCount,
                SqlState.INVALID_DESCRIPTOR_INDEX.code());
    }

    /**
     * The live driver's recorded answer for this getter on the current cell, or {@link Snapshot#DERIVE}.
     * A recorded refusal is thrown again.
     */
    private Object recorded(int column, Probe probe) throws SQLException {
        if (closed || row < 1 || row > rowCount || column < 1 || column > columnCount) {
            throw invalidCell(column);
        }
        Object answer = snapshot.recorded(row - 1, column, probe);
        if (answer == Snapshot.DERIVE) {
            return answer; // the getter's own path calls cell(), which sets wasNull
        }
        wasNull = snapshot.value(row - 1, column) == null;
        if (answer instanceof Refusal) {
            throw ((Refusal) answer).raise();
        }
        return answer;
    }

    private String text(int column, Object value) {
        String t = snapshot.text(row - 1, column);
        return t != null ? t : Snapshot.ownText(value);
    }


    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    // ---- getters by index ----------------------------------------------------------------------------------

    @Override
    public String getString(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof String && snapshot.derives(columnIndex, Probe.STRING)) {
            return (String) v;
        }
        return slowString(columnIndex);
    }

    private String slowString(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.STRING);
        if (recorded != Snapshot.DERIVE) {
            return (String) recorded;
        }
        Object v = cell(columnIndex);
        return v == null ? null : v instanceof String ? (String) v : text(columnIndex, v);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.NSTRING);
        if (recorded != Snapshot.DERIVE) {
            return (String) recorded;
        }
        return getString(columnIndex);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof Boolean && snapshot.derives(columnIndex, Probe.BOOLEAN)) {
            return (Boolean) v;
        }
        return slowBoolean(columnIndex);
    }

    private boolean slowBoolean(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.BOOLEAN);
        if (recorded != Snapshot.DERIVE) {
            return (Boolean) recorded;
        }
        Object v = cell(columnIndex);
        return v != null && Conversions.toBoolean(v);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.BYTE);
        if (recorded != Snapshot.DERIVE) {
            return (Byte) recorded;
        }
        return (byte) integral(columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.SHORT);
        if (recorded != Snapshot.DERIVE) {
            return (Short) recorded;
        }
        return (short) integral(columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof Integer && snapshot.derives(columnIndex, Probe.INT)) {
            return (Integer) v;
        }
        return slowInt(columnIndex);
    }

    private int slowInt(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.INT);
        if (recorded != Snapshot.DERIVE) {
            return (Integer) recorded;
        }
        return (int) integral(columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof Long && snapshot.derives(columnIndex, Probe.LONG)) {
            return (Long) v;
        }
        return slowLong(columnIndex);
    }

    private long slowLong(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.LONG);
        if (recorded != Snapshot.DERIVE) {
            return (Long) recorded;
        }
        return integral(columnIndex, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    private long integral(int column, long min, long max, String target) throws SQLException {
        Object v = cell(column);
        return v == null ? 0 : Conversions.toLong(v, min, max, target);
    }


    @Override
    public float getFloat(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.FLOAT);
        if (recorded != Snapshot.DERIVE) {
            return (Float) recorded;
        }
        Object v = cell(columnIndex);
        return v == null ? 0 : (float) Conversions.toDouble(v);
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof Double && snapshot.derives(columnIndex, Probe.DOUBLE)) {
            return (Double) v;
        }
        return slowDouble(columnIndex);
    }

    private double slowDouble(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.DOUBLE);
        if (recorded != Snapshot.DERIVE) {
            return (Double) recorded;
        }
        Object v = cell(columnIndex);
        return v == null ? 0 : Conversions.toDouble(v);
    }


    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof BigDecimal && snapshot.derives(columnIndex, Probe.BIG_DECIMAL)) {
            return (BigDecimal) v;
        }
        return slowBigDecimal(columnIndex);
    }

    private BigDecimal slowBigDecimal(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.BIG_DECIMAL);
        if (recorded != Snapshot.DERIVE) {
            return (BigDecimal) recorded;
        }
        Object v = cell(columnIndex);
        return v == null ? null : Conversions.toBigDecimal(v);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.BYTES);
        if (recorded != Snapshot.DERIVE) {
            return recorded == null ? null : ((byte[]) recorded).clone();
        }
        Object v = cell(columnIndex);
        return v == null ? null : Conversions.toBytes(v, snapshot.metaData().typeOf(columnIndex));
    }


    @Override
    public Date getDate(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.DATE);
        if (recorded != Snapshot.DERIVE) {
            return (Date) CellValues.copyOut(recorded);
        }
        Object v = cell(columnIndex);
        return v == null ? null : Conversions.toDate(v);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.TIME);
        if (recorded != Snapshot.DERIVE) {
            return (Time) CellValues.copyOut(recorded);
        }
        Object v = cell(columnIndex);
        return v == null ? null : Conversions.toTime(v);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof Timestamp && snapshot.derives(columnIndex, Probe.TIMESTAMP)) {
            return (Timestamp) ((Timestamp) v).clone();
        }
        return slowTimestamp(columnIndex);
    }

    private Timestamp slowTimestamp(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.TIMESTAMP);
        if (recorded != Snapshot.DERIVE) {
            return (Timestamp) CellValues.copyOut(recorded);
        }
        Object v = cell(columnIndex);
        return v == null ? null : Conversions.toTimestamp(v);
    }


    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.DATE_CAL); // a recorded refusal is thrown
        if (recorded != Snapshot.DERIVE && Conversions.isUtc(cal)) {
            return (Date) CellValues.copyOut(recorded); // the driver's own answer, recorded for UTC
        }
        Object v = cell(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof Time || v instanceof LocalTime || v instanceof OffsetTime) {
            return new Date(Conversions.millis(cal, 1970, 1, 1, 0, 0, 0));
        }
        LocalDate date = v instanceof OffsetDateTime
                ? ((OffsetDateTime) v).atZoneSameInstant(Conversions.zone(cal)).toLocalDate()
                : wallClock(columnIndex, v).toLocalDate();
        return new Date(Conversions.millis(cal, date.getYear(), date.getMonthValue(), date.getDayOfMonth(), 0, 0, 0));
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.TIME_CAL); // a recorded refusal is thrown
        if (recorded != Snapshot.DERIVE && Conversions.isUtc(cal)) {
            return (Time) CellValues.copyOut(recorded); // the driver's own answer, recorded for UTC
        }
        Object v = cell(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof Date || v instanceof LocalDate) {
            return new Time(Conversions.millis(cal, 1970, 1, 1, 0, 0, 0));
        }
        LocalTime time;
        if (v instanceof OffsetTime) {
            return new Time(((OffsetTime) v).atDate(LocalDate.of(1970, 1, 1)).toInstant().toEpochMilli());
        } else if (v instanceof OffsetDateTime) {
            time = ((OffsetDateTime) v).atZoneSameInstant(Conversions.zone(cal)).toLocalTime();
        } else {
            time = wallClock(columnIndex, v).toLocalTime();
        }
        return new Time(Conversions.millis(cal, 1970, 1, 1, time.getHour(), time.getMinute(), time.getSecond())
                + time.getNano() / 1_000_000);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.TIMESTAMP_CAL); // a recorded refusal is thrown
        if (recorded != Snapshot.DERIVE && Conversions.isUtc(cal)) {
            return (Timestamp) CellValues.copyOut(recorded); // the driver's own answer, recorded for UTC
        }
        Object v = cell(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime) {
            return Timestamp.from(((OffsetDateTime) v).toInstant());
        }
        LocalDateTime local;
        if (v instanceof OffsetTime) {
            // A time of day alone falls on 1970-01-01 (pgjdbc) or today (H2), in its own offset.
            LocalDate day = dayOfATime(columnIndex, cal);
            return Timestamp.from(((OffsetTime) v).atDate(day).toInstant());
        } else if (v instanceof Time || v instanceof LocalTime) {
            LocalDate day = dayOfATime(columnIndex, cal);
            local = day.atTime(wallClock(columnIndex, v).toLocalTime());
        } else {
            local = wallClock(columnIndex, v);
        }
        Timestamp t = new Timestamp(Conversions.millis(cal, local.getYear(), local.getMonthValue(),
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond()));
        t.setNanos(local.getNano());
        return t;
    }

    /** The day a time of day alone falls on, read as a timestamp: 1970-01-01 (pgjdbc) or today (H2). */
    private LocalDate dayOfATime(int column, Calendar cal) {
        return snapshot.timesOnEpochDate(column) ? LocalDate.of(1970, 1, 1) : LocalDate.now(Conversions.zone(cal));
    }

    /**
     * The cell's exact wall-clock date and time: the live driver's recorded java.time answer when there is
     * one (java.sql types lose nanoseconds and use the Julian calendar before 1583), else derived.
     */
    private LocalDateTime wallClock(int column, Object v) throws SQLException {
        Object exact = snapshot.recorded(row - 1, column, Probe.AS_LOCAL_DATE_TIME);
        if (exact instanceof LocalDateTime) {
            return (LocalDateTime) exact;
        }
        Object time = snapshot.recorded(row - 1, column, Probe.AS_LOCAL_TIME);
        if (time instanceof LocalTime && (v instanceof Time || v instanceof LocalTime)) {
            return ((LocalTime) time).atDate(LocalDate.of(1970, 1, 1));
        }
        Object date = snapshot.recorded(row - 1, column, Probe.AS_LOCAL_DATE);
        if (date instanceof LocalDate && (v instanceof Date || v instanceof LocalDate)) {
            return ((LocalDate) date).atStartOfDay();
        }
        return Conversions.toLocalDateTime(v, "a date or time");
    }




    @Override
    public Object getObject(int columnIndex) throws SQLException {
        Object v = cell(columnIndex);
        if (v instanceof CellValues.LobBytes) {
            return new SnapshotBlob(((CellValues.LobBytes) v).bytes);
        }
        if (v instanceof CellValues.LobText) {
            return new SnapshotClob(((CellValues.LobText) v).text);
        }
        return CellValues.copyOut(v);
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.OBJECT_MAP);
        if (recorded != Snapshot.DERIVE) {
            return CellValues.copyOut(recorded);
        }
        return getObject(columnIndex);
    }

    /** A strict ladder: supported conversions return, everything else throws. */
    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject: the type must not be null", SqlState.NULL_ARGUMENT.code());
        }
        Probe probe = Probe.forType(type);
        if (probe != null) {
            Object recorded = recorded(columnIndex, probe);
            if (recorded != Snapshot.DERIVE) {
                return type.cast(probe == Probe.AS_BYTES && recorded != null ? ((byte[]) recorded).clone()
                        : CellValues.copyOut(recorded));
            }
        }
        Object v = cell(columnIndex);
        if (v == null) {
            return null;
        }
        Object result;
        if (type == String.class) {
            result = getString(columnIndex);
        } else if (type == Integer.class) {
            result = getInt(columnIndex);
        } else if (type == Long.class) {
            result = getLong(columnIndex);
        } else if (type == Short.class) {
            result = getShort(columnIndex);
        } else if (type == Byte.class) {
            result = getByte(columnIndex);
        } else if (type == Boolean.class) {
            result = getBoolean(columnIndex);
        } else if (type == Double.class) {
            result = getDouble(columnIndex);
        } else if (type == Float.class) {
            result = getFloat(columnIndex);
        } else if (type == BigDecimal.class) {
            result = getBigDecimal(columnIndex);
        } else if (type == BigInteger.class) {
            result = Conversions.toBigInteger(v);
        } else if (type == byte[].class) {
            result = getBytes(columnIndex);
        } else if (type == Date.class) {
            result = getDate(columnIndex);
        } else if (type == Time.class) {
            result = getTime(columnIndex);
        } else if (type == Timestamp.class) {
            result = getTimestamp(columnIndex);
        } else if (type == LocalDate.class || type == LocalTime.class || type == LocalDateTime.class
                || type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class
                || type == OffsetTime.class) {
            result = Conversions.toJavaTime(v, type);
        } else if (type == UUID.class) {
            result = Conversions.toUuid(v);
        } else if (type == Blob.class) {
            result = getBlob(columnIndex);
        } else if (type == Clob.class) {
            result = getClob(columnIndex);
        } else if (type == Array.class) {
            result = getArray(columnIndex);
        } else if (type == Object.class || type.isInstance(v)) {
            result = getObject(columnIndex);
        } else {
            throw Conversions.cannotConvert(v, type.getName());
        }
        return type.cast(result);
    }


    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.ASCII_STREAM);
        if (recorded != Snapshot.DERIVE) {
            return recorded == null ? null : new ByteArrayInputStream((byte[]) recorded);
        }
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16BE));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.BINARY_STREAM);
        if (recorded != Snapshot.DERIVE) {
            return recorded == null ? null : new ByteArrayInputStream((byte[]) recorded);
        }
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.CHARACTER_STREAM);
        if (recorded != Snapshot.DERIVE) {
            return recorded == null ? null : new StringReader((String) recorded);
        }
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.NCHARACTER_STREAM);
        if (recorded != Snapshot.DERIVE) {
            return recorded == null ? null : new StringReader((String) recorded);
        }
        return getCharacterStream(columnIndex);
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        if (snapshot.noLargeObjects()) {
            if (cell(columnIndex) == null) {
                return null;
            }
            throw new SQLFeatureNotSupportedException("querycache: PostgreSQL's getBlob/getClob read a large object"
                    + " on the server, which a cached result cannot do; use getBytes or getString",
                    SqlState.NOT_SUPPORTED.code());
        }
        recorded(columnIndex, Probe.BLOB); // a recorded refusal is thrown

        byte[] b = getBytes(columnIndex);
        return b == null ? null : new SnapshotBlob(b);
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        if (snapshot.noLargeObjects()) {
            if (cell(columnIndex) == null) {
                return null;
            }
            throw new SQLFeatureNotSupportedException("querycache: PostgreSQL's getBlob/getClob read a large object"
                    + " on the server, which a cached result cannot do; use getBytes or getString",
                    SqlState.NOT_SUPPORTED.code());
        }
        Object recorded = recorded(columnIndex, Probe.CLOB); // a recorded refusal is thrown
        if (recorded instanceof String) {
            return new SnapshotClob(((String) recorded));
        }

        Object v = cell(columnIndex);
        if (v instanceof byte[] || v instanceof CellValues.LobBytes) {
            // Binary read as a CLOB: the drivers decode it as UTF-8.
            byte[] bytes = v instanceof byte[] ? (byte[]) v : ((CellValues.LobBytes) v).bytes;
            return new SnapshotClob(new String(bytes, StandardCharsets.UTF_8));
        }
        String s = getString(columnIndex);
        return s == null ? null : new SnapshotClob(s);
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw new SQLFeatureNotSupportedException("querycache: getNClob on a cached result; use getString",
                SqlState.NOT_SUPPORTED.code());
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.ARRAY);
        if (recorded != Snapshot.DERIVE) {
            return (Array) recorded; // a SnapshotArray: immutable, its getArray copies
        }
        Object v = cell(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof SnapshotArray) {
            return (SnapshotArray) v;
        }
        if (v instanceof Object[]) {
            return new SnapshotArray(java.sql.Types.OTHER, "OTHER", (Object[]) CellValues.copyOut(v));
        }
        if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof java.util.Date
                || v instanceof java.time.temporal.Temporal) {
            // A scalar as an array of one (H2); drivers that refuse have their refusal recorded at calibration.
            return new SnapshotArray(snapshot.metaData().typeOf(columnIndex),
                    String.valueOf(snapshot.metaData().getColumnTypeName(columnIndex)),
                    new Object[] {CellValues.copyOut(v)});
        }
        throw Conversions.cannotConvert(v, "java.sql.Array");
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        Object recorded = recorded(columnIndex, Probe.URL);
        if (recorded != Snapshot.DERIVE) {
            return (URL) recorded;
        }
        String s = getString(columnIndex);
        try {
            return s == null ? null : new URL(s);
        } catch (MalformedURLException e) {
            throw new SQLException("Not a URL: " + s, CONVERSION, e);
        }
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        cell(columnIndex);
        throw new SQLFeatureNotSupportedException("querycache: getRef on a cached result",
                SqlState.NOT_SUPPORTED.code());
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        cell(columnIndex);
        throw new SQLFeatureNotSupportedException("querycache: getRowId on a cached result",
                SqlState.NOT_SUPPORTED.code());
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        cell(columnIndex);
        throw new SQLFeatureNotSupportedException("querycache: getSQLXML on a cached result; use getString",
                SqlState.NOT_SUPPORTED.code());
    }

    // ---- navigation --------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        return moveTo(row <= rowCount ? row + 1 : row);
    }

    private void checkScrollable() throws SQLException {
        checkOpen();
        if (type == ResultSet.TYPE_FORWARD_ONLY) {
            throw new SQLException("The result set is TYPE_FORWARD_ONLY", INVALID_CURSOR);
        }
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable();
        return moveTo(row > 0 ? row - 1 : row);
    }

    @Override
    public boolean absolute(int position) throws SQLException {
        checkScrollable();
        int target = position >= 0 ? position : rowCount + 1 + position;
        return moveTo(Math.max(0, Math.min(rowCount + 1, target)));
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        checkScrollable();
        return moveTo((int) Math.max(0, Math.min(rowCount + 1L, (long) row + rows)));
    }

    @Override
    public boolean first() throws SQLException {
        return absolute(1);
    }

    @Override
    public boolean last() throws SQLException {
        return absolute(-1);
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable();
        moveTo(0);
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable();
        moveTo(rowCount + 1);
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && rowCount > 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return row > rowCount && rowCount > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && rowCount > 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return row == rowCount && rowCount > 0;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row >= 1 && row <= rowCount ? row : 0;
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        checkOpen();
    }

    // ---- the rest ------------------------------------------------------------------------------------

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        int column = snapshot.metaData().columnOf(columnLabel);
        if (column == 0) {
            throw new SQLException("Column \"" + columnLabel + "\" not found", SqlState.COLUMN_NOT_FOUND.code());
        }
        return column;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return snapshot.metaData();
    }

    @Override
    public void close() {
        closed = true;
        current = null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw new SQLFeatureNotSupportedException("querycache: a cached result has no cursor name",
                SqlState.NOT_SUPPORTED.code());
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            checkScrollable();
        }
        fetchDirection = direction;
        fetchDirectionSet = true;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return fetchDirectionSet ? fetchDirection : cursorAnswer(snapshot.fetchDirection());
    }

    /** The live result set's own answer, recorded at capture (0: it refused). */
    private static int cursorAnswer(int answer) throws SQLException {
        if (answer == 0) {
            throw new SQLFeatureNotSupportedException("The driver does not tell this of its result sets",
                    SqlState.NOT_SUPPORTED.code());
        }
        return answer;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("Fetch size must not be negative: " + rows, SqlState.INVALID_ATTRIBUTE_VALUE.code());
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return type;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return cursorAnswer(snapshot.holdability());
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("A cached result set does not wrap " + iface.getName(), SqlState.GENERAL_ERROR.code());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface != null && iface.isInstance(this);
    }
}
