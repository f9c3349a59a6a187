package io.querycache.snapshot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;

/**
 * A cell value's calibration category: values a driver converts alike share one (a small int, so that what
 * calibration learns per column and category is kept in arrays). Calibration compares every {@link Probe getter}
 * on the first cell of each column and category; what it learns there (a refusal, a {@link DriverRule}, a getter
 * the snapshot cannot derive) serves every cell of that category.
 */
final class ValueCategory {

    private ValueCategory() {
    }

    /** How many value categories {@link #of} tells apart. */
    static final int COUNT = 80;
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
    static final int OTHER_DATE_IN_UTC = 78;
    static final int SUBSECOND_TIME_OTHER_DATE_IN_UTC = 79;
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
    static int of(Object value) {
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

    /**
     * Whether the integer getters' answers on a number of this category are not settled by the category: a
     * fraction of exactly one half (rounded half up by one driver, half even by another) or a whole part at the
     * edge of a range, which rounding up leaves.
     */
    static boolean integerGettersUnsettled(int category) {
        int fraction = category >= FRACTIONAL && category < POSITIVE_INFINITY ? (category - FRACTIONAL) / 11 : 0;
        return fraction == HALF_FRACTION || fraction == AT_EDGE;
    }

    /** Whether drivers may read the text as a number, a time, a boolean or a UUID. */
    static boolean looksConvertible(String s) {
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
}
