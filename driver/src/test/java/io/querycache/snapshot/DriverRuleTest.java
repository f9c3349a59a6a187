package io.querycache.snapshot;

import io.querycache.testing.H2Database;
import io.querycache.testing.InZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversions H2 makes by rules of its own ({@link DriverRule}): a cached result answers them as the driver
 * does on every value, edge values included, while a capture asks the driver for them only while it calibrates.
 */
class DriverRuleTest {

    /** Per column type: values, the edges first (a rule is learned on a column's first cell of each category). */
    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("INT", "0, 1, -7, 9, 10, 2147483647, -2147483648, NULL"),
                Arguments.of("BIGINT", "9223372036854775807, 1, -1, 86400"),
                Arguments.of("DECIMAL(30, 15)", "1.99, -0.5, 0.000000000000001, 123456789012345.123456789012345, 0.5,"
                        + " 2.000000000000000, 99999999999999.999999999999999"),
                Arguments.of("VARCHAR(40)", "'item number 1', '', 'a', ' leading', '1.5', 'true', '2024-01-01',"
                        + " 'P1D', 'é'"),
                Arguments.of("TIMESTAMP(9)", "TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-03-31 02:30:00',"
                        + " TIMESTAMP '2024-10-27 02:30:00.123456789', TIMESTAMP '1500-01-01 12:00:00',"
                        + " TIMESTAMP '-0044-03-15 12:00:00', TIMESTAMP '9999-12-31 23:59:59.999999999'"),
                // The category first seen on a cell near a transition, whose getters are recorded, then ordinary cells.
                Arguments.of("TIMESTAMP", "TIMESTAMP '2024-03-31 02:30:00', TIMESTAMP '2024-05-05 10:00:00',"
                        + " TIMESTAMP '2024-06-06 11:00:00'"),
                Arguments.of("BOOLEAN", "TRUE, FALSE"),
                Arguments.of("DATE", "DATE '2024-02-29', DATE '0001-01-01'"));
    }

    @ParameterizedTest(name = "{0} in {2}")
    @MethodSource("columnsInZones")
    void aCachedResultAnswersTheRuleGettersAsTheDriverOnEveryValue(String type, String values, String zone)
            throws Exception {
        H2Database db = table(type, values);
        try (Connection live = db.direct(); Connection cached = db.cached()) {
            assertThat(InZone.run(zone, () -> GetterDifferential.missAndHit(live, cached,
                    "SELECT v FROM t ORDER BY id", "/*cache:t*/"))).isEmpty();
        }
    }

    /**
     * A query over edge values that starts from what an earlier query learned about its column's type (a column
     * profile) answers as the driver does too: categories the first query never saw are calibrated as they come.
     */
    @ParameterizedTest(name = "{0} in {2}")
    @MethodSource("columnsInZones")
    void aQueryStartingFromAnotherQuerysColumnTypeAnswersAsTheDriver(String type, String values, String zone)
            throws Exception {
        H2Database db = table(type, values);
        db.execute("CREATE TABLE o(id INT AUTO_INCREMENT PRIMARY KEY, v " + type + ")",
                "INSERT INTO o(v) SELECT v FROM t ORDER BY id FETCH FIRST 1 ROWS ONLY");
        try (Connection live = db.direct(); Connection cached = db.cached()) {
            assertThat(InZone.run(zone, () -> GetterDifferential.missAndHit(live, cached,
                    "SELECT v FROM o ORDER BY id", "/*cache:o*/"))).isEmpty();
            assertThat(InZone.run(zone, () -> GetterDifferential.missAndHit(live, cached,
                    "SELECT v AS w FROM t ORDER BY id DESC", "/*cache:t*/"))).isEmpty();
        }
    }

    static Stream<Arguments> columnsInZones() {
        return columns().flatMap(c -> InZone.zones().map(z -> Arguments.of(c.get()[0], c.get()[1], z)));
    }

    /** The getObject types a rule answers; with getArray, H2 converts them on every call. */
    private static final Set<Object> RULE_TYPES = Set.of(Character.class, java.time.Duration.class,
            java.time.ZonedDateTime.class);

    /** Ordinary values: no edge that a rule leaves to the driver. */
    static Stream<Arguments> ordinaryColumns() {
        return Stream.of(
                Arguments.of("INT", "1, 2, 3, 4"),
                Arguments.of("BIGINT", "86400, 6, 7"),
                Arguments.of("DECIMAL(10, 2)", "1.99, 2.25, 3.00, 4.75"),
                Arguments.of("VARCHAR(40)", "'item number 1', 'item number 2', 'x'"),
                Arguments.of("TIMESTAMP", "TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-05-05 10:00:00.5'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ordinaryColumns")
    void aCaptureAsksTheDriverForRuleGettersOnlyWhileItCalibrates(String type, String values) throws Exception {
        H2Database db = table(type, values + ", " + values + ", " + values + ", " + values);
        String sql = "SELECT v FROM t ORDER BY id";
        Calibrations calibrations = new Calibrations();
        try (Connection c = db.direct(); Statement s = c.createStatement()) {
            // Both through the counting proxy: a calibration serves later captures of the same result set class.
            Map<String, AtomicInteger> first = new ConcurrentHashMap<>();
            InZone.run("UTC", () -> SnapshotCapture.capture(counting(s.executeQuery(sql), first), 1000, Long.MAX_VALUE,
                    calibrations, sql));
            assertThat(first).as("%s: the first capture calibrates on the rule getters", type).isNotEmpty();
            Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
            InZone.run("UTC", () -> SnapshotCapture.capture(counting(s.executeQuery(sql), calls), 1000, Long.MAX_VALUE,
                    calibrations, sql));
            assertThat(calls).as("%s: conversions the second capture asked of the driver", type).isEmpty();
        }
    }

    /**
     * pgjdbc truncates a decimal for getInt and the other integer getters (H2 rounds): a rule, so a capture no
     * longer asks pgjdbc for each of them on every row; the truncation itself is checked against pgjdbc on edge
     * values by PostgresFidelityTest.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Tag("integration")
    void pgjdbcsTruncatedIntegersAreNotAskedOnEveryRow() throws Exception {
        io.querycache.testing.ServerDatabase pg = io.querycache.testing.ServerDatabase.POSTGRES;
        String table = io.querycache.testing.ServerDatabase.unique("qc_truncated");
        pg.execute("CREATE TABLE " + table + " (v NUMERIC(10, 2))",
                "INSERT INTO " + table + " SELECT x + 0.99 FROM generate_series(1, 50) x");
        String sql = "SELECT v FROM " + table;
        Calibrations calibrations = new Calibrations();
        try (Connection c = pg.direct(); Statement s = c.createStatement()) {
            SnapshotCapture.capture(counting(s.executeQuery(sql), new ConcurrentHashMap<>()), 1000, Long.MAX_VALUE,
                    calibrations, sql);
            Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
            SnapshotCapture.capture(countingAll(s.executeQuery(sql), calls), 1000, Long.MAX_VALUE, calibrations, sql);
            assertThat(calls.keySet()).as("what the second capture asked pgjdbc")
                    .doesNotContain("getByte", "getShort", "getInt", "getLong");
        }
    }

    private static ResultSet countingAll(ResultSet live, Map<String, AtomicInteger> calls) {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(live, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static H2Database table(String type, String values) throws SQLException {
        H2Database db = new H2Database("rules");
        StringBuilder insert = new StringBuilder("INSERT INTO t(v) VALUES ");
        String[] each = values.split(",(?=(?:[^']*'[^']*')*[^']*$)");
        for (int i = 0; i < each.length; i++) {
            insert.append(i == 0 ? "" : ", ").append('(').append(each[i].trim()).append(')');
        }
        db.execute("CREATE TABLE t(id INT AUTO_INCREMENT PRIMARY KEY, v " + type + ")", insert.toString());
        return db;
    }

    private static ResultSet counting(ResultSet live, Map<String, AtomicInteger> calls) {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getArray") || method.getName().equals("getObject") && args.length == 2
                            && RULE_TYPES.contains(args[1])) {
                        calls.computeIfAbsent(method.getName() + (args.length == 2 ? " " + args[1] : "") + " on row "
                                + live.getRow(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    try {
                        return method.invoke(live, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
