package io.querycache.snapshot;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A conversion some driver makes by a fixed rule of its own, which the snapshot's derivation does not follow: H2
 * reads a scalar as an array of one under its internal type name, a number as a {@code Duration} of that many
 * days, a value as the {@code Character} that starts its text, a timestamp as a {@code ZonedDateTime} at the
 * offset (not the region) of the JVM's zone.
 *
 * <p>Without a rule such getters are asked of the live driver on every row of every capture, and those calls
 * cost more than the whole raw row (JFR on a 100-row H2 miss: 70% of the capture). Calibration adopts a rule
 * for a column and {@link ValueCategory value category} only when the rule gives exactly the driver's answer on
 * the cell it calibrates on, the same evidence on which it trusts the snapshot's own derivation; a capture then
 * records the rule (one shared {@link Learned} object) on the rows of that category instead of the driver's
 * answer, and a snapshot derives the answer from the cell. A row the rule does not cover ({@link #covers}) is
 * asked of the driver as before.
 */
enum DriverRule {

    /** getArray of a scalar: an array of the one value, its base type as the driver named it. */
    ARRAY_OF_ONE(Probe.ARRAY) {
        @Override
        boolean covers(Object value, String text) {
            return value instanceof Number || value instanceof String || value instanceof Boolean
                    || value instanceof java.util.Date || value instanceof java.time.temporal.Temporal;
        }

        @Override
        Object constant(Object live, Object value, String text) {
            if (!(live instanceof Probe.ArrayContent)) {
                return null;
            }
            Probe.ArrayContent array = (Probe.ArrayContent) live;
            return array.elements instanceof Object[] && ((Object[]) array.elements).length == 1
                    && Probe.same(((Object[]) array.elements)[0], value)
                    ? new SnapshotArray(array.baseType, array.baseTypeName, null) : null;
        }

        @Override
        Object answer(Object constant, Object value, String text) {
            SnapshotArray type = (SnapshotArray) constant;
            // The snapshot's cell is never handed out: SnapshotArray.getArray copies its elements out.
            return new SnapshotArray(type.getBaseType(), type.getBaseTypeName(), new Object[] {value});
        }
    },

    /** getObject(Character.class): the first character of the value's text. */
    CHARACTER_OF_TEXT(Probe.AS_CHARACTER) {
        @Override
        boolean covers(Object value, String text) {
            return ARRAY_OF_ONE.covers(value, text) && !text.isEmpty();
        }

        @Override
        Object constant(Object live, Object value, String text) {
            return live instanceof Character && (Character) live == text.charAt(0) ? Boolean.TRUE : null;
        }

        @Override
        Object answer(Object constant, Object value, String text) {
            return text.charAt(0);
        }
    },

    /** getObject(Duration.class) of a number: that many days. */
    DURATION_OF_DAYS(Probe.AS_DURATION) {
        @Override
        boolean covers(Object value, String text) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                    || value instanceof BigDecimal)) {
                return false;
            }
            if (!(value instanceof BigDecimal)) {
                long days = ((Number) value).longValue();
                return days > -MAX_WHOLE_DAYS && days < MAX_WHOLE_DAYS;
            }
            // Whole nanoseconds: no rounding rule of the driver's applies.
            BigDecimal days = (BigDecimal) value;
            return (days.scale() <= 9 || days.stripTrailingZeros().scale() <= 9)
                    && days.abs().compareTo(MAX_DAYS) < 0;
        }

        @Override
        Object constant(Object live, Object value, String text) {
            return live instanceof Duration && live.equals(answer(null, value, text)) ? Boolean.TRUE : null;
        }

        @Override
        Object answer(Object constant, Object value, String text) {
            BigDecimal seconds = secondsOf(value);
            BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).longValueExact();
            return Duration.ofSeconds(whole.longValueExact(), nanos);
        }
    },

    /**
     * getByte, getShort, getInt and getLong of a decimal with a fraction: its whole part (pgjdbc and Connector/J
     * truncate where H2 rounds), for values well inside the getter's range.
     */
    BYTE_TRUNCATED(Probe.BYTE, Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v),
    SHORT_TRUNCATED(Probe.SHORT, Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v),
    INT_TRUNCATED(Probe.INT, Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v),
    LONG_TRUNCATED(Probe.LONG, Long.MIN_VALUE, Long.MAX_VALUE, v -> v),

    /** getObject(ZonedDateTime.class) of a timestamp: at the JVM zone's offset, as a zone. */
    ZONED_AT_OFFSET(Probe.AS_ZONED_DATE_TIME) {
        @Override
        boolean covers(Object value, String text) {
            // Only where the zone has one offset: near a transition the driver's choice is not seen in one sample.
            return (value instanceof java.sql.Timestamp || value instanceof LocalDateTime)
                    && ZoneId.systemDefault().getRules().isFixedOffset();
        }

        @Override
        Object constant(Object live, Object value, String text) {
            return live instanceof ZonedDateTime && live.equals(answer(null, value, text)) ? Boolean.TRUE : null;
        }

        @Override
        Object answer(Object constant, Object value, String text) {
            LocalDateTime local = value instanceof LocalDateTime ? (LocalDateTime) value
                    : ((java.sql.Timestamp) value).toLocalDateTime();
            return local.atZone(ZoneId.systemDefault()).toOffsetDateTime().toZonedDateTime();
        }
    };

    /**
     * A decimal (not a float: its text is not its value) whose whole part lies strictly inside the range, one away
     * from either end: a driver's own range check, and its rounding at the edges, are never in question.
     */
    private static boolean truncatedWithin(Object value, long min, long max) {
        if (!(value instanceof BigDecimal)) {
            return false;
        }
        BigDecimal whole = ((BigDecimal) value).setScale(0, java.math.RoundingMode.DOWN);
        return whole.compareTo(BigDecimal.valueOf(min)) > 0 && whole.compareTo(BigDecimal.valueOf(max)) < 0;
    }

    private static long truncated(Object value) {
        return ((BigDecimal) value).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    /** Far from Duration's range (2^63 seconds): no overflow rule of the driver's applies. */
    private static final long MAX_WHOLE_DAYS = 1L << 30;
    private static final BigDecimal MAX_DAYS = BigDecimal.valueOf(MAX_WHOLE_DAYS);

    private static BigDecimal secondsOf(Object number) {
        BigDecimal days = number instanceof BigDecimal ? (BigDecimal) number
                : BigDecimal.valueOf(((Number) number).longValue());
        return days.multiply(SECONDS_PER_DAY);
    }

    private static final DriverRule[] ALL = values();

    /** The getter the rule answers. */
    final Probe probe;
    /** For the truncating rules: the getter's range and its boxed answer; unused by the others. */
    private final long min;
    private final long max;
    private final java.util.function.LongFunction<Object> box;

    DriverRule(Probe probe) {
        this(probe, 0, 0, null);
    }

    DriverRule(Probe probe, long min, long max, java.util.function.LongFunction<Object> box) {
        this.probe = probe;
        this.min = min;
        this.max = max;
        this.box = box;
    }

    /** Whether the rule answers for this cell (the cell's value and its getString text). */
    boolean covers(Object value, String text) {
        return truncatedWithin(value, min, max);
    }

    /**
     * What the rule keeps from the driver's answer, or null when the rule does not give that answer. By default
     * nothing but the fact: the driver's answer equals the rule's, of the same class.
     */
    Object constant(Object live, Object value, String text) {
        Object mine = answer(null, value, text);
        return live != null && live.getClass() == mine.getClass() && live.equals(mine) ? Boolean.TRUE : null;
    }

    /** The rule's answer for the cell, in the form a snapshot records answers. */
    Object answer(Object constant, Object value, String text) {
        return box.apply(truncated(value));
    }

    /** The rule that gives the driver's answer on this cell, with what it keeps, or null. */
    static Learned explain(Probe probe, Object live, Object value, String text) {
        for (DriverRule rule : ALL) {
            if (rule.probe == probe && value != null && rule.covers(value, text)) {
                Object constant = rule.constant(live, value, text);
                if (constant != null) {
                    return new Learned(rule, constant);
                }
            }
        }
        return null;
    }

    /** A rule adopted for a column and value category: what a capture records on the rows it covers. */
    static final class Learned {
        final DriverRule rule;
        private final Object constant;

        private Learned(DriverRule rule, Object constant) {
            this.rule = rule;
            this.constant = constant;
        }

        boolean covers(Object value, String text) {
            return value != null && rule.covers(value, text);
        }

        Object answer(Object value, String text) {
            return rule.answer(constant, value, text);
        }
    }
}
