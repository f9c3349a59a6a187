package io.querycache.snapshot;

import io.querycache.error.SqlState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.UUID;

/**
 * How a snapshot derives a getter's answer from a cell's value, where calibration found that the live driver
 * answers so too: the JDBC conversion table (JDBC 4.3, table B-6), one method per target type. A getter whose
 * driver answers otherwise has its live answers recorded (or follows a {@link DriverRule}) and never comes here.
 * Every method takes a non-null value; a conversion that does not apply throws SQLState 22018.
 */
final class Conversions {

    private static final String CONVERSION = SqlState.INVALID_CAST.code();
    private static final String OUT_OF_RANGE = SqlState.NUMERIC_OUT_OF_RANGE.code();

    private Conversions() {
    }

    /** getBoolean: a number is true unless zero (NaN is false), text by its word or number. */
    static boolean toBoolean(Object v) throws SQLException {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if ((v instanceof Double || v instanceof Float) && Double.isNaN(((Number) v).doubleValue())) {
            return false;
        }
        if (v instanceof Number) {
            return toBigDecimal(v).signum() != 0;
        }
        if (v instanceof String) {
            String s = ((String) v).trim().toLowerCase(java.util.Locale.ROOT);
            switch (s) {
                case "true": case "t": case "yes": case "y": case "on": case "1":
                    return true;
                case "false": case "f": case "no": case "n": case "off": case "0":
                    return false;
                default:
                    return toBigDecimal(v).signum() != 0;
            }
        }
        throw cannotConvert(v, "boolean");
    }

    /**
     * getByte, getShort, getInt and getLong: an integer within the target's range, a number rounded half up, a
     * boolean as 1 or 0, NaN as 0, text that is a whole number.
     */
    static long toLong(Object v, long min, long max, String target) throws SQLException {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long n = ((Number) v).longValue();
            if (n < min || n > max) {
                throw new SQLException("Value " + n + " is out of range for " + target, OUT_OF_RANGE);
            }
            return n;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if ((v instanceof Double || v instanceof Float) && Double.isNaN(((Number) v).doubleValue())) {
            return 0;
        }
        if (v instanceof String) {
            try {
                long n = Long.parseLong(((String) v).trim());
                if (n < min || n > max) {
                    throw new SQLException("Value " + n + " is out of range for " + target, OUT_OF_RANGE);
                }
                return n;
            } catch (NumberFormatException e) {
                throw cannotConvert(v, target);
            }
        }
        BigDecimal d = toBigDecimal(v).setScale(0, RoundingMode.HALF_UP);
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new SQLException("Value " + d + " is out of range for " + target, OUT_OF_RANGE);
        }
        return d.longValue();
    }

    /** getBytes: a private copy of bytes, text in UTF-8, an integer in its column type's width (H2). */
    static byte[] toBytes(Object v, int sqlType) throws SQLException {
        if (v instanceof byte[]) {
            return ((byte[]) v).clone();
        }
        if (v instanceof CellValues.LobBytes) {
            return ((CellValues.LobBytes) v).bytes.clone();
        }
        if (v instanceof String) {
            return ((String) v).getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            // An integer as its big-endian two's complement in the column type's width (H2); drivers that answer
            // otherwise have their answers recorded at calibration.
            int width = integerWidth(sqlType);
            if (width > 0) {
                long n = ((Number) v).longValue();
                byte[] b = new byte[width];
                for (int i = width - 1; i >= 0; i--, n >>= 8) {
                    b[i] = (byte) n;
                }
                return b;
            }
        }
        throw cannotConvert(v, "byte[]");
    }

    /** getDate: a private copy of a date, else the wall-clock date. */
    static Date toDate(Object v) throws SQLException {
        if (v instanceof Date) {
            return (Date) ((Date) v).clone();
        }
        return Date.valueOf(toLocalDateTime(v, "java.sql.Date").toLocalDate());
    }

    /** getTime: a private copy of a time, else the wall-clock time of day (to the second). */
    static Time toTime(Object v) throws SQLException {
        if (v instanceof Time) {
            return (Time) ((Time) v).clone();
        }
        if (v instanceof OffsetTime) {
            return Time.valueOf(((OffsetTime) v).toLocalTime());
        }
        if (v instanceof LocalTime) {
            return Time.valueOf((LocalTime) v);
        }
        return Time.valueOf(toLocalDateTime(v, "java.sql.Time").toLocalTime());
    }

    /** getTimestamp: a private copy of a timestamp, an offset date-time's instant, else the wall clock. */
    static Timestamp toTimestamp(Object v) throws SQLException {
        if (v instanceof Timestamp) {
            return (Timestamp) ((Timestamp) v).clone();
        }
        if (v instanceof OffsetDateTime) {
            return Timestamp.from(((OffsetDateTime) v).toInstant());
        }
        return Timestamp.valueOf(toLocalDateTime(v, "java.sql.Timestamp"));
    }

    /** getObject(BigInteger.class): text as written, other numbers truncated. */
    static BigInteger toBigInteger(Object v) throws SQLException {
        try {
            return v instanceof String ? new BigInteger(((String) v).trim()) : toBigDecimal(v).toBigInteger();
        } catch (NumberFormatException e) {
            throw cannotConvert(v, "BigInteger");
        }
    }

    /** getObject of a java.time class: the value itself, else converted in the JVM's zone. */
    static Object toJavaTime(Object v, Class<?> type) throws SQLException {
        Object result;
        if (type == LocalDate.class) {
            result = v instanceof LocalDate ? v : toLocalDateTime(v, "LocalDate").toLocalDate();
        } else if (type == LocalTime.class) {
            result = v instanceof LocalTime ? v : v instanceof OffsetTime ? ((OffsetTime) v).toLocalTime()
                    : toLocalDateTime(v, "LocalTime").toLocalTime();
        } else if (type == LocalDateTime.class) {
            result = toLocalDateTime(v, "LocalDateTime");
        } else if (type == OffsetDateTime.class) {
            result = v instanceof OffsetDateTime ? v : v instanceof ZonedDateTime
                    ? ((ZonedDateTime) v).toOffsetDateTime()
                    : toLocalDateTime(v, "OffsetDateTime").atZone(ZoneId.systemDefault()).toOffsetDateTime();
        } else if (type == ZonedDateTime.class) {
            result = v instanceof ZonedDateTime ? v : v instanceof OffsetDateTime
                    ? ((OffsetDateTime) v).toZonedDateTime()
                    : toLocalDateTime(v, "ZonedDateTime").atZone(ZoneId.systemDefault());
        } else if (type == Instant.class) {
            result = v instanceof Instant ? v : v instanceof OffsetDateTime ? ((OffsetDateTime) v).toInstant()
                    : toLocalDateTime(v, "Instant").atZone(ZoneId.systemDefault()).toInstant();
        } else if (type == OffsetTime.class) {
            if (v instanceof Timestamp || v instanceof LocalDateTime) {
                // A timestamp's time of day at the JVM zone's offset then (H2); drivers that refuse have their
                // refusal recorded at calibration.
                result = toLocalDateTime(v, "OffsetTime").atZone(ZoneId.systemDefault()).toOffsetDateTime()
                        .toOffsetTime();
            } else if (!(v instanceof OffsetTime)) {
                throw cannotConvert(v, "OffsetTime");
            } else {
                result = v;
            }
        } else {
            throw cannotConvert(v, type.getName());
        }
        return result;
    }

    static SQLException cannotConvert(Object value, String target) {
        return new SQLException("Cannot convert a value of type " + value.getClass().getName() + " to " + target,
                CONVERSION);
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new SQLException("Value " + d + " is out of range", OUT_OF_RANGE);
            }
            // Float's own shortest text, as drivers do: 3.4028235E38, not its double expansion.
            return v instanceof Float ? new BigDecimal(v.toString()) : BigDecimal.valueOf(d);
        }
        if (v instanceof Number) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(v, "a number");
            }
        }
        throw cannotConvert(v, "a number");
    }

    static double toDouble(Object v) throws SQLException {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble(((String) v).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(v, "double");
            }
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        throw cannotConvert(v, "double");
    }

    static int integerWidth(int sqlType) {
        switch (sqlType) {
            case java.sql.Types.TINYINT: return 1;
            case java.sql.Types.SMALLINT: return 2;
            case java.sql.Types.INTEGER: return 4;
            case java.sql.Types.BIGINT: return 8;
            default: return 0;
        }
    }

    /** The wall-clock date and time of a temporal value, in the JVM's zone where a conversion is needed. */
    static LocalDateTime toLocalDateTime(Object v, String target) throws SQLException {
        if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime();
        }
        if (v instanceof Date) {
            return ((Date) v).toLocalDate().atStartOfDay();
        }
        if (v instanceof Time) {
            return ((Time) v).toLocalTime().atDate(LocalDate.of(1970, 1, 1));
        }
        if (v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).atStartOfDay();
        }
        if (v instanceof LocalTime) {
            return ((LocalTime) v).atDate(LocalDate.of(1970, 1, 1));
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (v instanceof ZonedDateTime) {
            return ((ZonedDateTime) v).withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (v instanceof Instant) {
            return LocalDateTime.ofInstant((Instant) v, ZoneId.systemDefault());
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            try {
                if (s.length() <= 10) {
                    return LocalDate.parse(s).atStartOfDay();
                }
                return Timestamp.valueOf(s).toLocalDateTime();
            } catch (RuntimeException e) {
                throw cannotConvert(v, target);
            }
        }
        throw cannotConvert(v, target);
    }

    /** Calendar answers are recorded for UTC; for other zones they are derived. */
    static boolean isUtc(Calendar cal) {
        return cal != null && cal.getTimeZone().getRawOffset() == 0 && !cal.getTimeZone().useDaylightTime();
    }

    static ZoneId zone(Calendar cal) {
        return cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
    }

    /** Wall-clock fields read in the calendar's zone (proleptic Gregorian, as java.time and H2 count). */
    static long millis(Calendar cal, int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone(cal)).toInstant().toEpochMilli();
    }

    static UUID toUuid(Object v) throws SQLException {
        if (v instanceof UUID) {
            return (UUID) v;
        }
        if (v instanceof String) {
            try {
                return UUID.fromString(((String) v).trim());
            } catch (IllegalArgumentException e) {
                throw cannotConvert(v, "UUID");
            }
        }
        if (v instanceof byte[] && ((byte[]) v).length == 16) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap((byte[]) v);
            return new UUID(b.getLong(), b.getLong());
        }
        throw cannotConvert(v, "UUID");
    }
}
