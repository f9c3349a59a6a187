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

    private static final java.util.Set<String> TEMPORAL_PROBES = java.util.Set.of("DATE", "TIME", "TIMESTAMP",
            "AS_DATE", "AS_TIME", "AS_TIMESTAMP", "AS_LOCAL_DATE", "AS_LOCAL_TIME", "AS_LOCAL_DATE_TIME",
            "AS_OFFSET_DATE_TIME", "AS_OFFSET_TIME", "AS_ZONED_DATE_TIME", "AS_INSTANT", "STRING", "AS_STRING",
            "DATE_CAL", "TIME_CAL", "TIMESTAMP_CAL", "AS_UTIL_DATE", "AS_DURATION");
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
            "AS_INSTANT", "AS_UUID", "AS_UTIL_DATE", "AS_CHARACTER", "AS_DURATION");
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
            // Exact integers convert unambiguously; to boolean they convert by category (pgjdbc refuses 2 and
            // reads 1 as true, H2 says true for both), which calibration learns per category.
            return false;
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

    /** How many value categories {@link #category} tells apart. */
    static final int CATEGORIES = 80;
    /** Categories of text: what looks like a number, time, boolean or UUID, and what cannot be read as one. */
    static final int CONVERTIBLE_TEXT = 1;
    static final int PLAIN_TEXT = 2;
    private static final int OTHER = 3;
    /** Whole numbers: 4 plus their {@link #magnitude}. */
    private static final int WHOLE = 4;
    /**
     * Numbers written with a fraction: 16 plus 11 times the fraction's class (none, below one half, above, exactly
     * one half, or any fraction on a whole part at a range's edge) plus the whole part's magnitude.
     */
    private static final int FRACTIONAL = 16;
    private static final int HALF_FRACTION = 3;
    private static final int AT_EDGE = 4;
    /** Infinities and NaN apart: drivers refuse an infinity for getInt and may read NaN as 0 (H2) or refuse it. */
    private static final int POSITIVE_INFINITY = 71;
    private static final int NEGATIVE_INFINITY = 72;
    private static final int NAN = 73;
    /**
     * Text and LOB text holding characters beyond ASCII, apart from the rest: drivers answer getAsciiStream on
     * them their own ways (UTF-8 bytes, '?' or Latin-1).
     */
    private static final int NON_ASCII_PLAIN_TEXT = 74;
    private static final int NON_ASCII_CONVERTIBLE_TEXT = 75;
    private static final int NON_ASCII_OTHER = 76;
    /**
     * Dates and times with a fraction of a second (drivers keep or drop it in getTime), whose date in the JVM's zone
     * is not their date in UTC (near midnight: the calendar getters answer the instant's date or the wall clock's),
     * or both.
     */
    private static final int SUBSECOND_TIME = 77;
    private static final int OTHER_DATE_IN_UTC = 78;
    private static final int SUBSECOND_TIME_OTHER_DATE_IN_UTC = 79;
    private static final BigDecimal HALF = new BigDecimal("0.5");

    /**
     * The value's calibration category. Drivers convert every value of one type and category alike, so one
     * calibration per column and category serves all its rows. Null; text that looks convertible or not;
     * whole numbers by magnitude (zero, one, and the signed ranges of byte, short, int and long), since drivers
     * read numbers as booleans by value (pgjdbc: 1 is true, 2 an error) and check ranges their own ways
     * (Connector/J may wrap where H2 refuses); numbers written with a fraction ("2.00", 1.25, 1.75) by the
     * class of their fraction (none, below or above one half) and their whole part's magnitude, since drivers
     * round (H2) or truncate (Connector/J, pgjdbc) for the integer getters. Values a category cannot settle
     * (a fraction of exactly one half, a whole part at a range's edge) record those getters per row.
     */
    static int category(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return WHOLE + magnitude(((Number) value).longValue());
        }
        if (value instanceof String) {
            boolean ascii = isAscii((String) value);
            return looksConvertible((String) value) ? ascii ? CONVERTIBLE_TEXT : NON_ASCII_CONVERTIBLE_TEXT
                    : ascii ? PLAIN_TEXT : NON_ASCII_PLAIN_TEXT;
        }
        if (value instanceof Timestamp) {
            Timestamp t = (Timestamp) value;
            return temporalCategory(t.getNanos() != 0, !t.toLocalDateTime().toLocalDate()
                    .equals(t.toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
        }
        if (value instanceof Time) {
            return temporalCategory(((Time) value).getTime() % 1000 != 0, false);
        }
        if (value instanceof LocalDateTime || value instanceof LocalTime || value instanceof OffsetTime) {
            return temporalCategory(((java.time.temporal.TemporalAccessor) value)
                    .get(java.time.temporal.ChronoField.NANO_OF_SECOND) != 0, false);
        }
        if (value instanceof OffsetDateTime) {
            OffsetDateTime t = (OffsetDateTime) value;
            return temporalCategory(t.getNano() != 0, !t.toLocalDate().equals(
                    t.atZoneSameInstant(java.time.ZoneId.systemDefault()).toLocalDate()));
        }
        if (value instanceof CellValues.LobText) {
            return isAscii(((CellValues.LobText) value).text) ? OTHER : NON_ASCII_OTHER;
        }
        if (value instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) value;
            if (d.precision() <= 15) {
                // Up to 15 digits the nearest double decides the whole part and the fraction's class exactly.
                double x = d.doubleValue();
                return d.scale() <= 0 ? WHOLE + magnitude((long) x) : fractionalCategory(x);
            }
            BigDecimal whole = d.setScale(0, java.math.RoundingMode.DOWN);
            int magnitude = magnitude(whole);
            if (d.scale() <= 0) {
                return WHOLE + magnitude;
            }
            if (d.compareTo(whole) == 0) {
                return FRACTIONAL + magnitude;
            }
            int half = d.subtract(whole).abs().compareTo(HALF);
            int fraction = half < 0 ? 1 : half > 0 ? 2 : HALF_FRACTION;
            if (fraction != HALF_FRACTION && range(whole.add(BigDecimal.valueOf(d.signum()))) != range(whole)) {
                fraction = AT_EDGE;
            }
            return FRACTIONAL + 11 * fraction + magnitude;
        }
        if (value instanceof Double || value instanceof Float) {
            double x = ((Number) value).doubleValue();
            return Double.isNaN(x) ? NAN : Double.isInfinite(x) ? x > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY
                    : fractionalCategory(x);
        }
        if (value instanceof BigInteger) {
            BigInteger i = (BigInteger) value;
            return WHOLE + (i.bitLength() < 64 ? magnitude(i.longValue()) : BEYOND_LONG);
        }
        return OTHER;
    }

    private static int temporalCategory(boolean subsecond, boolean otherDateInUtc) {
        return subsecond ? otherDateInUtc ? SUBSECOND_TIME_OTHER_DATE_IN_UTC : SUBSECOND_TIME
                : otherDateInUtc ? OTHER_DATE_IN_UTC : OTHER;
    }

    /** Text that looks like a number, time, boolean or UUID. */
    static boolean convertibleText(int category) {
        return category == CONVERTIBLE_TEXT || category == NON_ASCII_CONVERTIBLE_TEXT;
    }

    /** Text that cannot be read as a number, time, boolean or UUID. */
    static boolean plainText(int category) {
        return category == PLAIN_TEXT || category == NON_ASCII_PLAIN_TEXT;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static final int BEYOND_LONG = 10;

    /** The category of a finite number written with a fraction (possibly zero, as in 2.0). */
    private static int fractionalCategory(double x) {
        double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
        boolean beyond = Math.abs(whole) + 1 >= 0x1p63;
        int magnitude = beyond ? BEYOND_LONG : magnitude((long) whole);
        if (x == whole) {
            return FRACTIONAL + magnitude;
        }
        double part = Math.abs(x - whole);
        int fraction = part < 0.5 ? 1 : part > 0.5 ? 2 : HALF_FRACTION;
        if (fraction != HALF_FRACTION && (beyond || range((long) (whole + Math.signum(x))) != range((long) whole))) {
            fraction = AT_EDGE;
        }
        return FRACTIONAL + 11 * fraction + magnitude;
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The smallest of byte, short, int and long (0 to 3) that holds the value; 4 beyond. */
    private static int range(long v) {
        return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE ? 0 : v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? 1
                : v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 2 : 3;
    }

    private static boolean fitsLong(BigDecimal whole) {
        return whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(LONG_MAX) <= 0;
    }

    private static int range(BigDecimal whole) {
        return fitsLong(whole) ? range(whole.longValue()) : 4;
    }

    /** As {@link #magnitude(long)}, for a whole decimal of any size. */
    private static int magnitude(BigDecimal whole) {
        return fitsLong(whole) ? magnitude(whole.longValue()) : BEYOND_LONG;
    }

    /** 0 zero, 1 one, 2-5 positive within byte, short, int, long, 6-9 negative within the same. */
    private static int magnitude(long v) {
        if (v == 0 || v == 1) {
            return (int) v;
        }
        return (v > 0 ? 2 : 6) + range(v);
    }

    /** The integer getters, whose answers on a fraction depend on the driver's rounding. */
    private static final Probe[] INTEGER_GETTERS = {BYTE, SHORT, INT, LONG, AS_BYTE, AS_SHORT, AS_INTEGER, AS_LONG,
            AS_BIG_INTEGER};

    /**
     * Whether the integer getters' answers on a number of this category are not settled by the category: a
     * fraction of exactly one half (rounded half up by one driver, half even by another) or a whole part at the
     * edge of a range, which rounding up leaves.
     */
    private static boolean integerGettersUnsettled(int category) {
        int fraction = category >= FRACTIONAL && category < POSITIVE_INFINITY ? (category - FRACTIONAL) / 11 : 0;
        return fraction == HALF_FRACTION || fraction == AT_EDGE;
    }

    /**
     * The probes whose answers depend on this very value and must be recorded on its row: usually none.
     * Text that looks like a number, time or boolean, driver-specific objects, floating-point numbers, dates
     * before 1583 (Julian to some drivers, proleptic Gregorian to others) or in a daylight-saving gap or overlap
     * of {@code zone}, and decimals whose float rounding is ambiguous.
     */
    static Probe[] dependentOn(Object value, java.time.zone.ZoneRules zone) {
        return dependentOn(value, category(value), zone);
    }

    /** As {@link #dependentOn(Object, java.time.zone.ZoneRules)}, given the value's {@link #category}. */
    static Probe[] dependentOn(Object value, int category, java.time.zone.ZoneRules zone) {
        if (value == null || value instanceof String && !convertibleText(category)) {
            return NONE;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return fractionalDependent(value, category);
        }
        if ((value instanceof java.util.Date || value instanceof java.time.temporal.Temporal)
                && ordinaryTemporal(value, zone)) {
            // Near midnight the calendar getters answer the instant's date (pgjdbc's timestamptz) or the wall
            // clock's: which, the value's own row says.
            return category == OTHER_DATE_IN_UTC || category == SUBSECOND_TIME_OTHER_DATE_IN_UTC ? CALENDAR_GETTERS
                    : NONE;
        }
        return byClass(value);
    }

    /** The probes {@link #valueDependent} names for values of this one's class (or for text), cached. */
    private static Probe[] byClass(Object value) {
        String kind = value instanceof String ? "text" : value.getClass().getName();
        return DEPENDENT.computeIfAbsent(kind, k -> {
            java.util.List<Probe> probes = new java.util.ArrayList<>();
            for (Probe p : ALL) {
                if (p.valueDependent(value)) {
                    probes.add(p);
                }
            }
            return probes.toArray(NONE);
        });
    }

    private static final Probe[] FLOAT_GETTERS = {FLOAT, AS_FLOAT};
    private static final Probe[] CALENDAR_GETTERS = {DATE_CAL, TIME_CAL, TIMESTAMP_CAL};
    private static final Probe[] FLOAT_AND_INTEGER_GETTERS = concat(FLOAT_GETTERS, INTEGER_GETTERS);

    /** For a decimal or floating-point value: the getters its category does not settle (usually none). */
    private static Probe[] fractionalDependent(Object value, int category) {
        boolean integers = integerGettersUnsettled(category);
        if (value instanceof BigDecimal) {
            boolean floats = roundsTwiceAsFloat((BigDecimal) value);
            if (!floats && !integers) {
                return NONE;
            }
            return floats && integers ? FLOAT_AND_INTEGER_GETTERS : floats ? FLOAT_GETTERS : INTEGER_GETTERS;
        }
        Probe[] byClass = byClass(value);
        return integers ? concat(byClass, INTEGER_GETTERS) : byClass;
    }

    private static Probe[] concat(Probe[] a, Probe[] b) {
        java.util.LinkedHashSet<Probe> all = new java.util.LinkedHashSet<>(java.util.Arrays.asList(a));
        all.addAll(java.util.Arrays.asList(b));
        return all.toArray(NONE);
    }

    /** Whether float(double(d)) differs from the float nearest d: drivers may answer getFloat either way. */
    private static boolean roundsTwiceAsFloat(BigDecimal d) {
        return Float.floatToIntBits((float) d.doubleValue()) != Float.floatToIntBits(d.floatValue());
    }

    /**
     * A date or date-time that every driver converts the same way: a year from 1583 to 9999 and, for a local
     * date or date-time, a wall-clock time that exists exactly once in the JVM's zone. Never a time of day.
     */
    @SuppressWarnings("deprecation")
    static boolean ordinaryTemporal(Object v, java.time.zone.ZoneRules zone) {
        LocalDateTime local;
        if (v instanceof Time || v instanceof LocalTime || v instanceof OffsetTime) {
            // Times of day are read as timestamps on driver-chosen days, and MySQL's TIME spans +-838 hours.
            return false;
        } else if (v instanceof Timestamp || v instanceof java.sql.Date) {
            // Their year in the calendar the JDK converts with (Julian before 1582): out of range, no further look.
            if (!ordinaryYear(((java.util.Date) v).getYear() + 1900)) {
                return false;
            }
            local = v instanceof Timestamp ? ((Timestamp) v).toLocalDateTime()
                    : ((java.sql.Date) v).toLocalDate().atStartOfDay();
        } else if (v instanceof LocalDateTime) {
            local = (LocalDateTime) v;
        } else if (v instanceof LocalDate) {
            local = ((LocalDate) v).atStartOfDay();
        } else if (v instanceof OffsetDateTime) {
            return ordinaryYear(((OffsetDateTime) v).getYear(), zone);
        } else if (v instanceof ZonedDateTime) {
            return ordinaryYear(((ZonedDateTime) v).getYear(), zone);
        } else if (v instanceof Instant) {
            return ordinaryYear(((Instant) v).atOffset(java.time.ZoneOffset.UTC).getYear(), zone);
        } else {
            return false;
        }
        return ordinaryYear(local.getYear(), zone) && (zone.isFixedOffset() || zone.getValidOffsets(local).size() == 1
                && !nearTransition(local, zone));
    }

    /**
     * Whether the zone's offset changes within a day of the date-time. A driver may hold the wall clock it read
     * (02:30 in a gap) apart from the instant its Java object shows (H2 in Berlin: getTimestamp 04:30, getTime
     * 03:30, from one cell); such values only show that they lie near a transition, so their getters are recorded.
     */
    private static boolean nearTransition(LocalDateTime local, java.time.zone.ZoneRules zone) {
        java.time.LocalDate day = local.toLocalDate();
        return !zone.getOffset(day.minusDays(1).atStartOfDay()).equals(zone.getOffset(day.plusDays(2).atStartOfDay()));
    }

    /**
     * In a zone with a history of offsets, only from 1970: before it the tz database's offsets (local mean time,
     * wartime rules) are not what every driver applies (H2 and java.time disagree on Berlin in 1850 and 1900).
     */
    private static boolean ordinaryYear(int year, java.time.zone.ZoneRules zone) {
        return ordinaryYear(year) && (zone.isFixedOffset() || year >= 1970);
    }

    private static boolean ordinaryYear(int year) {
        return year >= 1583 && year <= 9999;
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
        if (t.length() > 9) {
            return t.length() == 36 && t.charAt(8) == '-'; // a UUID
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
