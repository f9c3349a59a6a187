package io.querycache.integration;

import io.querycache.QueryCache;
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

/** Every getter on every MariaDB type: Connector/J's live result set against querycache's, on a miss and a hit. */
@Tag("integration")
class MariadbFidelityTest {

    private static final ServerDatabase MARIADB = ServerDatabase.MARIADB;
    static final String TABLE = ServerDatabase.unique("qc_maria_types");

    @BeforeAll
    static void create() throws SQLException {
        MARIADB.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, c_bool TINYINT(1), c_int INT,"
                        + " c_ubigint BIGINT UNSIGNED, c_decimal DECIMAL(20, 4), c_double DOUBLE, c_float FLOAT,"
                        + " c_bit BIT(10), c_date DATE, c_time TIME, c_datetime DATETIME(6), c_timestamp TIMESTAMP NULL,"
                        + " c_year YEAR, c_char CHAR(5), c_varchar VARCHAR(20), c_text TEXT, c_blob BLOB,"
                        + " c_varbinary VARBINARY(16), c_enum ENUM('red', 'green'), c_set SET('a', 'b', 'c'), c_json JSON)",
                "INSERT INTO " + TABLE + " VALUES (1, 1, 70000, 18446744073709551615, 12345.6789, 2.25, 1.5, b'1010101010',"
                        + " '2024-02-29', '13:14:15', '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15', 2024, 'ab',"
                        + " 'hello', 'a text', x'00ff10', x'cafe', 'green', 'a,c', '{\"a\": [1, 2]}')",
                "INSERT INTO " + TABLE + " (id) VALUES (2)",
                "INSERT INTO " + TABLE + " VALUES (3, 0, -2147483648, 0, -0.0001, -1e300, -3.4e38, b'0', '1000-01-01',"
                        + " '-838:59:59', '1000-01-01 00:00:00', '1970-01-02 00:00:01', 1901, '', '', '', x'', x'',"
                        + " 'red', '', 'null')",
                "INSERT INTO " + TABLE + " VALUES (4, 127, 2147483647, 1, 99999999999999.9999, 0, 0, b'1111111111',"
                        + " '9999-12-31', '838:59:59', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', 2155,"
                        + " 'true', '12.5', '1', x'01', x'0102030405060708090a0b0c0d0e0f10', 'red', 'a,b,c', '\"text\"')");
    }

    @AfterAll
    static void drop() {
        MARIADB.dropQuietly("DROP TABLE " + TABLE);
    }

    @ParameterizedTest
    @MethodSource("io.querycache.testing.InZone#zones")
    void everyGetterMatchesConnectorJOnAMissAndOnAHit(String zone) throws Exception {
        String query = "SELECT * FROM " + TABLE + " ORDER BY id";
        assertThat(InZone.run(zone, () -> MARIADB.missAndHit(query))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.querycache.testing.InZone#zones")
    void timesNearDaylightSavingChangesMatch(String zone) throws Exception {
        assertThat(InZone.run(zone, () -> MARIADB.getterMismatches("qc_maria_times",
                "(id INT PRIMARY KEY, c_datetime DATETIME(3), c_date DATE, c_time TIME(3), c_timestamp TIMESTAMP NULL)",
                "(1, '2024-03-31 02:30:00', '2024-03-31', '02:30:00', '2024-03-31 01:30:00'),"
                        + " (2, '2024-10-27 02:30:00.5', '2024-10-27', '02:30:00', '2024-10-27 02:30:00'),"
                        + " (3, '1900-01-01 00:00:00', '1900-01-01', '00:00:00', '1970-01-02 00:00:00'),"
                        + " (4, '1850-01-01 12:00:00', '1850-01-01', '12:00:00', '2038-01-01 00:00:00')")))
                .isEmpty();
    }

    @Test
    void bitsBlobsAndTextBeyondAsciiConvertAsConnectorJ() throws SQLException {
        // Connector/J reads BIT and BLOB bytes as numbers by their length and value: a calibration on the first
        // row alone must not answer the others.
        assertThat(MARIADB.getterMismatches("qc_maria_bits",
                "(id INT PRIMARY KEY, c_bit1 BIT(1), c_bit8 BIT(8), c_bit16 BIT(16), c_bit64 BIT(64), c_blob BLOB,"
                        + " c_tinyblob TINYBLOB, c_text TEXT)",
                "(1, b'1', b'01111111', b'0000000100000000', b'1', x'01', x'7f', 'hello'),"
                        + " (2, b'0', b'11111111', b'1111111111111111', x'ffffffffffffffff', x'', x'', 'grüße, 日本'),"
                        + " (3, b'1', b'00000010', b'0000000000000010', x'7fffffffffffffff', x'0102', x'ff', ''),"
                        + " (4, NULL, b'00000000', b'0000000011111111', x'00', x'0102030405060708090a', NULL, 'é')"))
                .isEmpty();
    }

    @Test
    void oversizedResultsMoveAsConnectorJs() throws SQLException {
        String query = "SELECT seq FROM seq_1_to_10 ORDER BY seq";
        for (int type : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE}) {
            try (Connection direct = MARIADB.direct(); Connection cached = MARIADB.cached(
                    ServerDatabase.unique("maria_big"), "querycache.maxRowsPerEntry", "4")) {
                assertThat(NavigationDifferential.compare(direct, cached, query, "/*cache:big*/", type)).isEmpty();
            }
        }
    }

    @Test
    void numbersConvertByTheirOwnValueNotByTheFirstRowsValue() throws SQLException {
        // Connector/J truncates a decimal for getInt and H2 rounds it; 1.25 cannot tell them apart and 1.75 can,
        // so a calibration on the first row alone would answer the later rows wrongly. Likewise for ranges:
        // getByte of 100 and of 300.
        assertThat(MARIADB.getterMismatches("qc_maria_numbers",
                "(id INT PRIMARY KEY, c_decimal DECIMAL(12, 2), c_int INT, c_double DOUBLE)",
                "(1, 1.25, 100, 1.25), (2, 1.75, 300, 1.75), (3, -1.25, -100, -1.25), (4, -1.75, -300, -1.75),"
                        + " (5, 2.50, 70000, 2.5), (6, 3.50, 3000000, 3.5), (7, 127.40, 2, 127.4),"
                        + " (8, 300.60, 0, 300.6), (9, 70000.50, 1, 70000.5),"
                        + " (10, 3000000000.99, -2147483648, 3000000000.99)")).isEmpty();
    }

    @Test
    void blobsAreCopiesThatCallersCannotAlter() throws SQLException {
        String query = "/*cache:types*/ SELECT c_blob FROM " + TABLE + " WHERE id = 1";
        try (Connection cached = MARIADB.cached(ServerDatabase.unique("maria_copies"))) {
            for (int round = 0; round < 2; round++) {
                try (Statement s = cached.createStatement(); ResultSet rs = s.executeQuery(query)) {
                    rs.next();
                    java.sql.Blob blob = rs.getBlob(1);
                    assertThat(blob.getBytes(1, 3)).containsExactly(0, -1, 16);
                    blob.setBytes(1, new byte[] {9});
                    byte[] bytes = rs.getBytes(1);
                    bytes[1] = 9;
                }
            }
        }
    }
}
