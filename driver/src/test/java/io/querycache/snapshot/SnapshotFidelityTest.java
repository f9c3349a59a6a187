package io.querycache.snapshot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.querycache.testing.InZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every getter of a snapshot returns what H2's live result set returns, for every H2 type. */
public class SnapshotFidelityTest {

    public static final String TABLE = "CREATE TABLE all_types (id INT PRIMARY KEY, "
            + "c_boolean BOOLEAN, c_tinyint TINYINT, c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, "
            + "c_numeric NUMERIC(20, 4), c_decimal DECIMAL(10, 0), c_real REAL, c_double DOUBLE PRECISION, "
            + "c_decfloat DECFLOAT, c_char CHARACTER(5), c_varchar VARCHAR(100), c_clob CHARACTER LARGE OBJECT, "
            + "c_ignorecase VARCHAR_IGNORECASE(20), c_binary BINARY(4), c_varbinary VARBINARY(16), "
            + "c_blob BINARY LARGE OBJECT, c_date DATE, c_time TIME, c_time9 TIME(9), c_timetz TIME WITH TIME ZONE, "
            + "c_timestamp TIMESTAMP, c_timestamp9 TIMESTAMP(9), c_timestamptz TIMESTAMP WITH TIME ZONE, "
            + "c_interval_ym INTERVAL YEAR TO MONTH, c_interval_ds INTERVAL DAY TO SECOND, "
            + "c_enum ENUM('red', 'green'), c_json JSON, c_uuid UUID, c_int_array INTEGER ARRAY, "
            + "c_varchar_array VARCHAR(10) ARRAY)";

    public static final String[] ROWS = {
            "INSERT INTO all_types VALUES (1, TRUE, 7, 300, 70000, 9000000000, 12345.6789, 42, 1.5, 2.25, 3.125, "
                    + "'ab', 'hello', 'a clob', 'MiXeD', X'01020304', X'cafe', X'00ff', DATE '2024-02-29', "
                    + "TIME '13:14:15', TIME '13:14:15.123456789', TIME WITH TIME ZONE '10:00:00+02:00', "
                    + "TIMESTAMP '2024-02-29 13:14:15.5', TIMESTAMP '2024-02-29 13:14:15.123456789', "
                    + "TIMESTAMP WITH TIME ZONE '2024-02-29 13:14:15+05:30', INTERVAL '1-2' YEAR TO MONTH, "
                    + "INTERVAL '3 04:05:06' DAY TO SECOND, 'green', JSON '{\"a\":[1,2]}', "
                    + "'123e4567-e89b-12d3-a456-426614174000', ARRAY[1, 2, NULL], ARRAY['x', 'y'])",
            "INSERT INTO all_types (id) VALUES (2)",
            "INSERT INTO all_types VALUES (3, FALSE, -128, -32768, -2147483648, -9223372036854775808, "
                    + "-0.0001, 0, -3.4028235E38, 1.7976931348623157E308, 0, '', '', '', '', X'00000000', X'', "
                    + "X'', DATE '0001-01-01', TIME '00:00:00', TIME '23:59:59.999999999', "
                    + "TIME WITH TIME ZONE '00:00:00Z', TIMESTAMP '0001-01-01 00:00:00', "
                    + "TIMESTAMP '9999-12-31 23:59:59.999999999', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z', "
                    + "INTERVAL '-1-0' YEAR TO MONTH, INTERVAL '0 00:00:00.000001' DAY TO SECOND, 'red', "
                    + "JSON '\"text\"', '00000000-0000-0000-0000-000000000000', ARRAY[], ARRAY[])",
            "INSERT INTO all_types VALUES (4, TRUE, 127, 32767, 2147483647, 9223372036854775807, "
                    + "99999999999999.9999, 1, 1, 'NaN', 1E-10, 'true', '12.5', '1', 'true', X'ffffffff', "
                    + "X'0102030405060708090a0b0c0d0e0f10', X'01', DATE '9999-12-31', TIME '23:59:59', "
                    + "TIME '00:00:00.000000001', TIME WITH TIME ZONE '23:59:59-14:00', "
                    + "TIMESTAMP '1970-01-01 00:00:00', TIMESTAMP '2000-01-01 00:00:00.000000001', "
                    + "TIMESTAMP WITH TIME ZONE '2038-01-19 03:14:07-14:00', INTERVAL '99-11' YEAR TO MONTH, "
                    + "INTERVAL '-1 00:00:00' DAY TO SECOND, 'red', JSON 'null', "
                    + "'ffffffff-ffff-ffff-ffff-ffffffffffff', ARRAY[2147483647], ARRAY['1', '2024-01-01'])",
            // Beyond ASCII; infinities before NaN (NaN converts its own way); wall-clock times in Berlin's
            // daylight-saving gap and overlap and before 1893 (local mean time).
            "INSERT INTO all_types (id, c_char, c_varchar, c_clob, c_real, c_double, c_date, c_timestamp, "
                    + "c_timestamp9, c_timestamptz, c_blob) VALUES (5, 'ä', 'grüße, 日本', 'ünïcode ✓', "
                    + "'Infinity', '-Infinity', DATE '1893-03-31', TIMESTAMP '2024-03-31 02:30:00', "
                    + "TIMESTAMP '2024-10-27 02:30:00.5', TIMESTAMP WITH TIME ZONE '1850-01-01 12:00:00Z', X'')",
            "INSERT INTO all_types (id, c_varchar, c_real, c_double, c_date, c_timestamp, c_timestamp9, "
                    + "c_timestamptz, c_time) VALUES (6, 'é', 'NaN', 'NaN', DATE '1900-01-01', "
                    + "TIMESTAMP '1900-01-01 00:00:00', TIMESTAMP '1850-01-01 00:00:00', "
                    + "TIMESTAMP WITH TIME ZONE '1900-01-01 00:00:00+01:00', TIME '02:30:00')"};

    static Connection connection;

    @BeforeAll
    static void createTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:fidelity;DB_CLOSE_DELAY=-1", "sa", "");
        try (Statement s = connection.createStatement()) {
            s.execute(TABLE);
            for (String row : ROWS) {
                s.execute(row);
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    static final String QUERY = "SELECT * FROM all_types ORDER BY id";

    private static Snapshot capture() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            Capture capture = SnapshotCapture.capture(rs, 1000, 1 << 20);
            assertThat(capture.snapshot()).isNotNull();
            return capture.snapshot();
        }
    }

    private static List<String> compare(Snapshot snapshot, int type) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet live = s.executeQuery(QUERY)) {
            return GetterDifferential.compare(live, new SnapshotResultSet(snapshot, type, null));
        }
    }

    @ParameterizedTest
    @MethodSource("io.querycache.testing.InZone#zones")
    void everyGetterMatchesTheLiveResultSetForwardOnly(String zone) throws Exception {
        assertThat(InZone.run(zone, () -> compare(capture(), ResultSet.TYPE_FORWARD_ONLY))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.querycache.testing.InZone#zones")
    void everyGetterMatchesAgainOnASecondCursorOverTheSameSnapshot(String zone) throws Exception {
        InZone.run(zone, () -> {
            Snapshot snapshot = capture();
            assertThat(compare(snapshot, ResultSet.TYPE_SCROLL_INSENSITIVE)).isEmpty();
            assertThat(compare(snapshot, ResultSet.TYPE_FORWARD_ONLY)).as("a hit: the same snapshot read again")
                    .isEmpty();
            return null;
        });
    }
}
