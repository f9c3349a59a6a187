package io.querycache.snapshot;

import io.querycache.testing.H2Database;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What calibration learns once per query and value category, and which values are still recorded per row. */
class CalibrationTest {

    private static final ZoneRules UTC = ZoneOffset.UTC.getRules();
    private static final ZoneRules BERLIN = ZoneId.of("Europe/Berlin").getRules();

    @Test
    void ordinaryValuesNeedNoAnswersRecordedOnTheirRow() {
        assertThat(ValueDependence.dependentOn(42, UTC)).isEmpty();
        assertThat(ValueDependence.dependentOn(new BigDecimal("19.99"), UTC)).isEmpty();
        assertThat(ValueDependence.dependentOn("item number 7", UTC)).isEmpty();
        assertThat(ValueDependence.dependentOn(Timestamp.valueOf("2024-01-01 00:00:00"), BERLIN)).isEmpty();
        assertThat(ValueDependence.dependentOn(LocalDate.of(2024, 4, 15), BERLIN)).isEmpty();
    }

    @Test
    void valuesDriversConvertTheirOwnWaysAreRecordedOnTheirRow() {
        assertThat(ValueDependence.dependentOn("12.5", UTC)).contains(Probe.INT, Probe.BIG_DECIMAL);
        assertThat(ValueDependence.dependentOn(Timestamp.valueOf("1500-01-01 00:00:00"), UTC)).contains(Probe.TIMESTAMP);
        assertThat(ValueDependence.dependentOn(LocalDate.of(1000, 1, 1), UTC)).contains(Probe.AS_DATE);
        assertThat(ValueDependence.dependentOn(java.sql.Time.valueOf("13:59:59"), UTC)).contains(Probe.TIMESTAMP);
        // 02:30 on 2024-03-31 does not exist in Berlin (clocks jump from 02:00 to 03:00); 02:30 on
        // 2024-10-27 exists twice. Drivers may resolve either way.
        assertThat(ValueDependence.dependentOn(LocalDateTime.of(2024, 3, 31, 2, 30), BERLIN)).contains(Probe.TIMESTAMP);
        assertThat(ValueDependence.dependentOn(Timestamp.valueOf("2024-10-27 02:30:00"), BERLIN)).contains(Probe.TIMESTAMP);
        assertThat(ValueDependence.dependentOn(LocalDateTime.of(2024, 3, 31, 2, 30), UTC)).isEmpty();
        // Within a day of a transition: H2 in Berlin reads 02:30 on 2024-03-31 as a Timestamp of 04:30 but getTime
        // 03:30, so even a valid value there cannot be trusted to derive its getters (DriverRuleTest found it).
        assertThat(ValueDependence.dependentOn(Timestamp.valueOf("2024-03-31 04:30:00"), BERLIN)).contains(Probe.TIME);
        assertThat(ValueDependence.dependentOn(LocalDate.of(2024, 3, 31), BERLIN)).contains(Probe.AS_LOCAL_DATE);
        assertThat(ValueDependence.dependentOn(LocalDate.of(2024, 3, 30), BERLIN)).contains(Probe.AS_LOCAL_DATE);
        assertThat(ValueDependence.dependentOn(Timestamp.valueOf("2024-03-31 04:30:00"), UTC)).isEmpty();
        assertThat(ValueDependence.dependentOn(0.1d, UTC)).contains(Probe.BIG_DECIMAL);
    }

    @Test
    void aDecimalWhoseFloatRoundingIsAmbiguousRecordsGetFloat() {
        // Halfway between two floats once rounded to double: float(double(x)) != float(x).
        BigDecimal ambiguous = new BigDecimal("1.00000005960464477550");
        assertThat((float) ambiguous.doubleValue()).isNotEqualTo(ambiguous.floatValue());
        assertThat(ValueDependence.dependentOn(ambiguous, UTC)).contains(Probe.FLOAT, Probe.AS_FLOAT);
    }

    @Test
    void numbersCalibrateByWhatDriversTellApart() {
        // Booleans by value: zero, one and the rest.
        assertThat(ValueCategory.of(0)).isNotEqualTo(ValueCategory.of(1));
        assertThat(ValueCategory.of(1)).isNotEqualTo(ValueCategory.of(2));
        // Ranges: the integer getters refuse or wrap by magnitude and sign.
        assertThat(ValueCategory.of(2)).isEqualTo(ValueCategory.of(100L));
        assertThat(ValueCategory.of(2)).isNotEqualTo(ValueCategory.of(-7L));
        assertThat(ValueCategory.of(100)).isNotEqualTo(ValueCategory.of(300));
        assertThat(ValueCategory.of(70_000)).isNotEqualTo(ValueCategory.of(3_000_000_000L));
        // Fractions: rounding (H2) and truncation (Connector/J, pgjdbc) agree below one half, not above.
        assertThat(ValueCategory.of(new BigDecimal("2.25"))).isEqualTo(ValueCategory.of(new BigDecimal("3.40")));
        assertThat(ValueCategory.of(new BigDecimal("1.25"))).isNotEqualTo(ValueCategory.of(new BigDecimal("1.75")));
        assertThat(ValueCategory.of(1.25d)).isNotEqualTo(ValueCategory.of(1.75d));
        assertThat(ValueCategory.of(new BigDecimal("1"))).isNotEqualTo(ValueCategory.of(new BigDecimal("1.00")));
        assertThat(ValueCategory.of(new BigDecimal("0.5"))).isNotEqualTo(ValueCategory.of(new BigDecimal("1.5")));
        assertThat(ValueCategory.of("12")).isNotEqualTo(ValueCategory.of("twelve"));
        // What a category cannot settle is recorded per row: exactly one half, and a whole part at a range's edge.
        assertThat(ValueDependence.dependentOn(new BigDecimal("2.50"), UTC)).contains(Probe.INT);
        assertThat(ValueDependence.dependentOn(new BigDecimal("127.60"), UTC)).contains(Probe.BYTE);
        assertThat(ValueDependence.dependentOn(new BigDecimal("126.60"), UTC)).isEmpty();
    }

    @Test
    void aLaterMissOfTheSameQueryAsksTheDriverOnlyForValues() throws SQLException {
        H2Database db = new H2Database("calibration");
        db.execute("CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10, 2), created TIMESTAMP)",
                "INSERT INTO items SELECT x, 'item ' || x, x + 0.99, TIMESTAMP '2024-01-01 00:00:00'"
                        + " FROM SYSTEM_RANGE(1, 50)");
        String sql = "SELECT id, name, price, created FROM items ORDER BY id";
        Calibrations calibrations = new Calibrations();
        try (Connection c = db.direct(); Statement s = c.createStatement()) {
            AtomicInteger first = new AtomicInteger();
            Snapshot one = SnapshotCapture.capture(counting(s.executeQuery(sql), first), 1000, Long.MAX_VALUE,
                    calibrations, sql).snapshot();
            AtomicInteger second = new AtomicInteger();
            Snapshot two = SnapshotCapture.capture(counting(s.executeQuery(sql), second), 1000, Long.MAX_VALUE,
                    calibrations, sql).snapshot();
            assertThat(calibrations.size()).isEqualTo(1);
            assertThat(one.rowCount()).isEqualTo(50);
            assertThat(two.rowCount()).isEqualTo(50);
            // The first capture asked every getter on each of the four columns at least once; the second did not.
            assertThat(first.get() - second.get()).as("calls saved on the second capture")
                    .isGreaterThanOrEqualTo(4 * Probe.ALL.length);
            // Another query text over columns of the same types starts from what was learned about those types.
            String other = "SELECT id AS n, name AS label, price AS cost, created AS at FROM items WHERE id >= 1";
            AtomicInteger third = new AtomicInteger();
            Snapshot three = SnapshotCapture.capture(counting(s.executeQuery(other), third), 1000, Long.MAX_VALUE,
                    calibrations, other).snapshot();
            assertThat(three.rowCount()).isEqualTo(50);
            assertThat(third.get()).as("a new text, known column types: only the values").isEqualTo(second.get());
            // A column of another type (a wider decimal) is calibrated; the others are not.
            String wider = "SELECT id, name, price * 1000 AS price, created FROM items WHERE id >= 1";
            AtomicInteger fourth = new AtomicInteger();
            SnapshotCapture.capture(counting(s.executeQuery(wider), fourth), 1000, Long.MAX_VALUE, calibrations, wider);
            assertThat(fourth.get() - second.get()).as("one column calibrated").isPositive()
                    .isLessThan(first.get() - second.get());
        }
    }

    @Test
    void aDriversUncheckedExceptionOnANumberIsRecordedOncePerShapeOfTheNumber() throws SQLException {
        // pgjdbc parses a number's text as a date: "1" fails out of bounds, "12" (say) with another exception.
        // The class is kept per shape ("9", "99"), so each shape costs one live call, and every row answers
        // as the live driver would.
        H2Database db = new H2Database("shapes");
        String sql = "SELECT X FROM (VALUES 1, 2, 12, 3, 45, 7) T(X)";
        AtomicInteger dateCalls = new AtomicInteger();
        try (Connection c = db.direct(); Statement s = c.createStatement()) {
            ResultSet h2 = s.executeQuery(sql);
            ResultSet live = (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(),
                    new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getDate") && args.length == 1) {
                            dateCalls.incrementAndGet();
                            String text = h2.getString((Integer) args[0]);
                            throw text.length() == 1 ? new ArrayIndexOutOfBoundsException(1)
                                    : new IllegalStateException("bad value " + text);
                        }
                        try {
                            return method.invoke(h2, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Snapshot snapshot = SnapshotCapture.capture(live, 100, Long.MAX_VALUE, new Calibrations(), sql)
                    .snapshot();
            // Calibration on 1 (the category "one") and on 2 (the other numbers), then one call per shape: on 1
            // ("9") and on 12 ("99"); 3, 45 and 7 need none.
            assertThat(dateCalls.get()).as("live getDate calls").isEqualTo(4);
            SnapshotResultSet cached = new SnapshotResultSet(snapshot, ResultSet.TYPE_FORWARD_ONLY, null);
            for (String expected : new String[] {"ArrayIndexOutOfBoundsException", "ArrayIndexOutOfBoundsException",
                    "IllegalStateException", "ArrayIndexOutOfBoundsException", "IllegalStateException",
                    "ArrayIndexOutOfBoundsException"}) {
                assertThat(cached.next()).isTrue();
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cached.getDate(1)))
                        .as("row " + cached.getInt(1)).extracting(t -> t.getClass().getSimpleName())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void theCalibrationsOfManyQueryTextsStayWithinTheirByteBound() throws SQLException {
        // Hinted SQL with inlined literals makes a new text per value: their calibrations must not grow without
        // bound beside querycache.maxBytes.
        H2Database db = new H2Database("bounded");
        Calibrations calibrations = new Calibrations(200_000);
        try (Connection c = db.direct(); Statement s = c.createStatement()) {
            for (int i = 0; i < 500; i++) {
                String sql = "SELECT " + i + " AS n, 'text' AS t, 1.5 AS d";
                try (ResultSet rs = s.executeQuery(sql)) {
                    SnapshotCapture.capture(rs, 10, Long.MAX_VALUE, calibrations, sql);
                }
            }
        }
        assertThat(calibrations.size()).isGreaterThan(10).isLessThan(500);
    }

    /** The result set, counting the calls made to it. */
    private static ResultSet counting(ResultSet live, AtomicInteger calls) {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    calls.incrementAndGet();
                    try {
                        return method.invoke(live, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
