package io.querycache.snapshot;

import java.math.BigDecimal;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;

import static io.querycache.snapshot.Probe.AS_BIG_INTEGER;
import static io.querycache.snapshot.Probe.AS_BYTE;
import static io.querycache.snapshot.Probe.AS_FLOAT;
import static io.querycache.snapshot.Probe.AS_INTEGER;
import static io.querycache.snapshot.Probe.AS_LONG;
import static io.querycache.snapshot.Probe.AS_SHORT;
import static io.querycache.snapshot.Probe.BYTE;
import static io.querycache.snapshot.Probe.DATE_CAL;
import static io.querycache.snapshot.Probe.FLOAT;
import static io.querycache.snapshot.Probe.INT;
import static io.querycache.snapshot.Probe.LONG;
import static io.querycache.snapshot.Probe.SHORT;
import static io.querycache.snapshot.Probe.TIMESTAMP_CAL;
import static io.querycache.snapshot.Probe.TIME_CAL;

/**
 * Which getters a value's own row must record because their answer depends on the very value, in ways that no
 * other cell of its {@link ValueCategory} reveals: numeric-looking text, floating-point numbers, dates before 1583
 * or near a change of the JVM zone's offset, times of day, bytes, drivers' own objects. Usually none.
 */
final class ValueDependence {

    private ValueDependence() {
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
    static boolean valueDependent(Probe probe, Object value) {
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
            return NUMERIC_PROBES.contains(probe.name());
        }
        if (value instanceof String) {
            // Drivers parse text their own ways ("12.5" is 12 to MariaDB, an error to H2): where a text could
            // be read as a number, a time or a boolean, the live answers are kept.
            return ValueCategory.looksConvertible((String) value) && TEXT_CONVERSION_PROBES.contains(probe.name());
        }
        if (value instanceof Boolean) {
            return BOOLEAN_PROBES.contains(probe.name()); // MySQL's TINYINT(1) 127 is TRUE to getObject, 127 to getInt
        }
        if (value instanceof java.util.Date || value instanceof java.time.temporal.Temporal) {
            return TEMPORAL_PROBES.contains(probe.name());
        }
        if (value instanceof byte[]) {
            return BINARY_PROBES.contains(probe.name());
        }
        return false;
    }

    private static final Probe[] NONE = new Probe[0];
    private static final java.util.Map<String, Probe[]> DEPENDENT = new java.util.concurrent.ConcurrentHashMap<>();

    /** The integer getters, whose answers on a fraction depend on the driver's rounding. */
    private static final Probe[] INTEGER_GETTERS = {BYTE, SHORT, INT, LONG, AS_BYTE, AS_SHORT, AS_INTEGER, AS_LONG,
            AS_BIG_INTEGER};


    /**
     * The probes whose answers depend on this very value and must be recorded on its row: usually none.
     * Text that looks like a number, time or boolean, driver-specific objects, floating-point numbers, dates
     * before 1583 (Julian to some drivers, proleptic Gregorian to others) or in a daylight-saving gap or overlap
     * of {@code zone}, and decimals whose float rounding is ambiguous.
     */
    static Probe[] dependentOn(Object value, java.time.zone.ZoneRules zone) {
        return dependentOn(value, ValueCategory.of(value), zone);
    }

    /**
     * As {@link #dependentOn(Object, java.time.zone.ZoneRules)}, given the value's {@link ValueCategory#of category}.
     */
    static Probe[] dependentOn(Object value, int category, java.time.zone.ZoneRules zone) {
        if (value == null || value instanceof String && !ValueCategory.convertibleText(category)) {
            return NONE;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return fractionalDependent(value, category);
        }
        if ((value instanceof java.util.Date || value instanceof java.time.temporal.Temporal)
                && ordinaryTemporal(value, zone)) {
            // Near midnight the calendar getters answer the instant's date (pgjdbc's timestamptz) or the wall
            // clock's: which, the value's own row says.
            return category == ValueCategory.OTHER_DATE_IN_UTC
                    || category == ValueCategory.SUBSECOND_TIME_OTHER_DATE_IN_UTC ? CALENDAR_GETTERS
                    : NONE;
        }
        return byClass(value);
    }

    /** The probes {@link #valueDependent} names for values of this one's class (or for text), cached. */
    private static Probe[] byClass(Object value) {
        String kind = value instanceof String ? "text" : value.getClass().getName();
        return DEPENDENT.computeIfAbsent(kind, k -> {
            java.util.List<Probe> probes = new java.util.ArrayList<>();
            for (Probe p : Probe.ALL) {
                if (valueDependent(p, value)) {
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
        boolean integers = ValueCategory.integerGettersUnsettled(category);
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
}
