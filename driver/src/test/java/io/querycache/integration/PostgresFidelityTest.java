package io.querycache.integration;

import io.querycache.QueryCache;
import io.querycache.QueryCacheStats.BypassReason;
import io.querycache.snapshot.GetterDifferential;
import io.querycache.snapshot.NavigationDifferential;
import io.querycache.testing.InZone;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Every getter on every PostgreSQL type: pgjdbc's live result set against querycache's, on a miss and a hit. */
@Tag("integration")
class PostgresFidelityTest {

    private static final ServerDatabase PG = ServerDatabase.POSTGRES;
    static final String TABLE = ServerDatabase.unique("qc_pg_types");
    private static final String MOOD = TABLE + "_mood";

    @BeforeAll
    static void create() throws SQLException {
        PG.execute("CREATE TYPE " + MOOD + " AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE " + TABLE + " (id int PRIMARY KEY, c_smallint smallint, c_int integer, c_bigint bigint,"
                        + " c_numeric numeric(20, 4), c_real real, c_double double precision, c_bool boolean,"
                        + " c_text text, c_varchar varchar(20), c_char char(5), c_date date, c_time time,"
                        + " c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_interval interval, c_bytea bytea,"
                        + " c_uuid uuid, c_json json, c_jsonb jsonb, c_int_array integer[], c_text_array text[],"
                        + " c_enum " + MOOD + ", c_inet inet, c_money money)",
                "INSERT INTO " + TABLE + " VALUES (1, 300, 70000, 9000000000, 12345.6789, 1.5, 2.25, true, 'hello',"
                        + " 'world', 'ab', '2024-02-29', '13:14:15.123456', '10:00:00+02', '2024-02-29 13:14:15.5',"
                        + " '2024-02-29 13:14:15+05:30', '1 year 2 mons 3 days 04:05:06', '\\x0102ff',"
                        + " '123e4567-e89b-12d3-a456-426614174000', '{\"a\": [1, 2]}', '{\"b\": true}', '{1,2,NULL}',"
                        + " '{\"x\",\"y z\"}', 'happy', '192.168.0.1/24', 12.34)",
                "INSERT INTO " + TABLE + " (id) VALUES (2)",
                "INSERT INTO " + TABLE + " VALUES (3, -32768, -2147483648, -9223372036854775808, -0.0001, -1e30,"
                        + " 1.7976931348623157e308, false, '', '', '', '0001-01-01', '00:00:00', '00:00:00+00',"
                        + " '0001-01-01 00:00:00', '1970-01-01 00:00:00+00', '-1 days', '\\x', "
                        + " '00000000-0000-0000-0000-000000000000', 'null', '[]', '{}', '{}', 'sad', '::1', -0.01)",
                "INSERT INTO " + TABLE + " VALUES (4, 32767, 2147483647, 9223372036854775807, 99999999999999.9999,"
                        + " 'NaN', 'Infinity', true, 'true', '12.5', '1', '9999-12-31', '23:59:59.999999',"
                        + " '23:59:59-14', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07-14', '00:00:00.000001',"
                        + " '\\x00', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\"text\"', '1', '{2147483647}', '{\"1\"}',"
                        + " 'ok', '10.0.0.0/8', 0)");
    }

    @AfterAll
    static void drop() {
        PG.dropQuietly("DROP TABLE " + TABLE, "DROP TYPE " + MOOD);
    }

    @ParameterizedTest
    @MethodSource("io.querycache.testing.InZone#zones")
    void everyGetterMatchesPgjdbcOnAMissAndOnAHit(String zone) throws Exception {
        String query = "SELECT * FROM " + TABLE + " ORDER BY id";
        assertThat(InZone.run(zone, () -> PG.missAndHit(query))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.querycache.testing.InZone#zones")
    void timesNearDaylightSavingChangesAndOldOffsetsMatch(String zone) throws Exception {
        assertThat(InZone.run(zone, () -> PG.getterMismatches("qc_pg_times",
                "(id INT PRIMARY KEY, c_ts TIMESTAMP, c_tstz TIMESTAMPTZ, c_date DATE, c_time TIME, c_timetz TIMETZ)",
                "(1, '2024-03-31 02:30:00', '2024-03-31 01:30:00+00', '2024-03-31', '02:30:00', '02:30:00+01'),"
                        + " (2, '2024-10-27 02:30:00.5', '2024-10-27 00:30:00+00', '2024-10-27', '02:30:00', '02:30+02'),"
                        + " (3, '1900-01-01 00:00:00', '1900-01-01 00:00:00+00', '1900-01-01', '00:00:00', '00:00+00'),"
                        + " (4, '1850-01-01 12:00:00', '1850-01-01 12:00:00+00', '1850-01-01', '12:00:00', '12:00+05:30'),"
                        + " (5, '1893-04-01 00:00:00', '1893-03-31 23:00:00+00', '1893-04-01', '23:59:59', '23:59:59-14'),"
                        + " (6, '1970-01-01 00:00:00', '1969-12-31 23:00:00+00', '1970-01-01', '00:00:00', '00:00+00')")))
                .isEmpty();
    }

    /**
     * From its fifth execution a prepared statement's results come in pgjdbc's binary format, in which getBytes
     * answers the wire bytes, not the text's: what calibration learned on the first executions (per query text and
     * per column type) must still answer every getter as pgjdbc does then. Every execution is a miss (the cache is
     * flushed between), compared with a live prepared statement executed as often.
     */
    @Test
    void aPreparedStatementInPgjdbcsBinaryFormatStillMatches() throws Exception {
        String query = "SELECT * FROM " + TABLE + " WHERE id >= ? ORDER BY id";
        try (Connection direct = PG.direct(); Connection cached = PG.cached(ServerDatabase.unique("pg_binary"));
             java.sql.PreparedStatement live = direct.prepareStatement(query);
             java.sql.PreparedStatement hinted = cached.prepareStatement("/*cache:binary*/ " + query)) {
            for (int execution = 1; execution <= 8; execution++) {
                live.setInt(1, 0);
                hinted.setInt(1, 0);
                try (java.sql.ResultSet expected = live.executeQuery(); java.sql.ResultSet actual = hinted.executeQuery()) {
                    assertThat(GetterDifferential.compare(expected, actual)).as("execution %d", execution).isEmpty();
                }
                cached.unwrap(QueryCache.class).invalidateAll();
            }
        }
    }

    @Test
    void notFiniteNumbersConvertAsPgjdbc() throws SQLException {
        // NaN is read its own way (pgjdbc refuses getInt, H2 answers 0): a calibration on an infinity must not
        // answer it.
        assertThat(PG.getterMismatches("qc_pg_nan", "(id INT PRIMARY KEY, c_real REAL, c_double DOUBLE PRECISION)",
                "(1, 'Infinity', '-Infinity'), (2, 'NaN', 'NaN'), (3, '-Infinity', 'Infinity'), (4, 1.5, 'NaN')"))
                .isEmpty();
    }

    @Test
    void textBeyondAsciiMatches() throws SQLException {
        assertThat(PG.getterMismatches("qc_pg_text", "(id INT PRIMARY KEY, c_text TEXT, c_char CHAR(3))",
                "(1, 'hello', 'abc'), (2, 'grüße, 日本', 'äöü'), (3, '', 'é')")).isEmpty();
    }

    /** Values a snapshot cannot reproduce or pgjdbc cannot read: answered live, as pgjdbc does, never failed. */
    @Test
    void moneyPgjdbcCannotReadAndXmlAreAnsweredLive() throws SQLException {
        for (String[] table : new String[][] {
                {"qc_pg_money", "(id INT PRIMARY KEY, c_money MONEY)", "(1, 12.34), (2, 1234.56), (3, -1234.56)"},
                {"qc_pg_xml", "(id INT PRIMARY KEY, c_xml XML)", "(1, '<a>1</a>'), (2, NULL), (3, '<b/>')"}}) {
            String name = ServerDatabase.unique(table[0]);
            PG.execute("CREATE TABLE " + name + " " + table[1], "INSERT INTO " + name + " VALUES " + table[2]);
            try (Connection direct = PG.direct(); Connection cached = PG.cached(ServerDatabase.unique("pg_live"))) {
                assertThat(GetterDifferential.missAndHit(direct, cached, "SELECT * FROM " + name + " ORDER BY id",
                        "/*cache:t*/")).isEmpty();
                assertThat(cached.unwrap(QueryCache.class).stats().bypassesByReason()
                        .get(BypassReason.UNSUPPORTED_VALUE)).as(table[0]).isEqualTo(2);
            } finally {
                PG.dropQuietly("DROP TABLE " + name);
            }
        }
    }

    @Test
    void oversizedResultsMoveAsPgjdbcs() throws SQLException {
        String query = "SELECT g FROM generate_series(1, 10) g ORDER BY g";
        for (int type : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE}) {
            try (Connection direct = PG.direct(); Connection cached = PG.cached(ServerDatabase.unique("pg_big"),
                    "querycache.maxRowsPerEntry", "4")) {
                assertThat(NavigationDifferential.compare(direct, cached, query, "/*cache:big*/", type)).isEmpty();
            }
        }
    }

    @Test
    void numbersConvertByTheirOwnValueNotByTheFirstRowsValue() throws SQLException {
        // Values whose conversions a calibration on the first row alone could not foresee: fractions above and
        // below one half, ranges of the integer getters, and numbers of other lengths for pgjdbc's date parser.
        assertThat(PG.getterMismatches("qc_pg_numbers",
                "(id INT PRIMARY KEY, c_numeric NUMERIC(14, 2), c_int INT, c_double DOUBLE PRECISION, c_text TEXT)",
                "(1, 1.25, 100, 1.25, 'item 1'), (2, 1.75, 300, 1.75, 'item 12'), (3, -1.25, -100, -1.25, 'item 123'),"
                        + " (4, -1.75, -300, -1.75, 'infinity'), (5, 2.50, 70000, 2.5, 'item 7'),"
                        + " (6, 3.50, 3000000, 3.5, 'x'), (7, 127.40, 2, 127.4, 'y2'),"
                        + " (8, 300.60, 0, 300.6, 'item 99'), (9, 70000.50, 1, 70000.5, 'item 5'),"
                        + " (10, 3000000000.99, -2147483648, 3000000000.99, '-infinity')")).isEmpty();
    }

    @Test
    void driverObjectsAreCopiesThatCallersCannotAlter() throws SQLException {
        String query = "/*cache:types*/ SELECT c_json, c_interval, c_int_array FROM " + TABLE + " WHERE id = 1";
        try (Connection cached = PG.cached(ServerDatabase.unique("pg_copies"))) {
            for (int round = 0; round < 2; round++) {
                try (Statement s = cached.createStatement(); ResultSet rs = s.executeQuery(query)) {
                    rs.next();
                    org.postgresql.util.PGobject json = (org.postgresql.util.PGobject) rs.getObject(1);
                    assertThat(json.getValue()).isEqualTo("{\"a\": [1, 2]}");
                    json.setValue("{}");
                    org.postgresql.util.PGInterval interval = (org.postgresql.util.PGInterval) rs.getObject(2);
                    assertThat(interval.getYears()).isEqualTo(1);
                    interval.setYears(99);
                    Integer[] array = (Integer[]) rs.getArray(3).getArray();
                    assertThat(array).containsExactly(1, 2, null);
                    array[0] = 42;
                }
            }
        }
    }
}
