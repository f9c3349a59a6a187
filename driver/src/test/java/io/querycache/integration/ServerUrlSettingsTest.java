package io.querycache.integration;

import io.querycache.QueryCache;
import io.querycache.QueryCacheDriver;
import io.querycache.config.JdbcUrls;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings in PostgreSQL and MariaDB URLs (SPEC 9): pgjdbc and MariaDB Connector/J accept the URL without them
 * and still honour their own parameters written before, between and after ours.
 */
@Tag("integration")
class ServerUrlSettingsTest {

    private static final String TABLE = ServerDatabase.unique("urlset");

    @BeforeAll
    static void create() throws SQLException {
        for (ServerDatabase db : new ServerDatabase[] {ServerDatabase.POSTGRES, ServerDatabase.MARIADB}) {
            db.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, name VARCHAR(20))",
                    "INSERT INTO " + TABLE + " VALUES (1, 'first')");
        }
    }

    @AfterAll
    static void drop() {
        ServerDatabase.POSTGRES.dropQuietly("DROP TABLE " + TABLE);
        ServerDatabase.MARIADB.dropQuietly("DROP TABLE " + TABLE);
    }

    /**
     * The parameters after the database (%n is the cache name) | a query | what it returns when the real driver
     * honoured its own parameter.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pg|?querycache.name=%n|SELECT 1|1",
            "pg|?ApplicationName=qc_urlset&querycache.name=%n&querycache.maxBytes=1m|SHOW application_name|qc_urlset",
            "pg|?querycache.name=%n&ApplicationName=qc_urlset|SHOW application_name|qc_urlset",
            "pg|?querycache.maxBytes=1m&ApplicationName=qc%20url%3Bset&querycache.name=%n|SHOW application_name|qc url;set",
            "pg|?options=-c%20querycache.name%3Dx&querycache.name=%n|SHOW querycache.name|x",
            "maria|?querycache.name=%n|SELECT 1|1",
            "maria|?sessionVariables=auto_increment_increment=3&querycache.name=%n|SELECT @@auto_increment_increment|3",
            "maria|?querycache.name=%n&querycache.expiry=absolute&sessionVariables=auto_increment_increment=4|SELECT @@auto_increment_increment|4"})
    void theRealDriverAcceptsTheUrlWithoutTheSettings(String server, String parameters, String query,
                                                       String expected) throws SQLException {
        ServerDatabase db = server.equals("pg") ? ServerDatabase.POSTGRES : ServerDatabase.MARIADB;
        String name = ServerDatabase.unique("urlset_cache");
        try (Connection c = DriverManager.getConnection(db.cachedUrl() + parameters.replace("%n", name), db.user(),
                "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(expected);
            assertThat(c.unwrap(QueryCache.class).name()).isEqualTo(name);
            assertThat(c.getMetaData().getURL()).doesNotContain(name).doesNotContain("querycache.maxBytes");
        } finally {
            QueryCache cache = QueryCacheDriver.cache(name);
            if (cache != null) {
                cache.close();
            }
        }
    }

    @Test
    void enabledFalseInAPostgresAndAMariadbUrlIsAPurePassThrough() throws SQLException {
        for (ServerDatabase db : new ServerDatabase[] {ServerDatabase.POSTGRES, ServerDatabase.MARIADB}) {
            String read = "/*cache:urlset*/ SELECT name FROM " + TABLE + " WHERE id = 1";
            try (Connection c = DriverManager.getConnection(db.cachedUrl() + "?querycache.enabled=false", db.user(),
                    "");
                 Connection direct = db.direct()) {
                assertThat(read(c, read)).isEqualTo("first");
                try (Statement s = direct.createStatement()) {
                    s.executeUpdate("UPDATE " + TABLE + " SET name = 'second' WHERE id = 1");
                }
                assertThat(read(c, read)).as("the second hinted read reached %s", db.directUrl()).isEqualTo("second");
                try (Statement s = direct.createStatement()) {
                    s.executeUpdate("UPDATE " + TABLE + " SET name = 'first' WHERE id = 1");
                }
            }
            assertThat(QueryCacheDriver.cache(JdbcUrls.defaultCacheName(db.directUrl(), db.user()))).isNull();
        }
    }

    @Test
    void theDefaultNameIsShortAndWithoutParameters() throws SQLException {
        ServerDatabase db = ServerDatabase.POSTGRES;
        try (Connection c = DriverManager.getConnection(db.cachedUrl() + "?user=" + db.user()
                + "&password=&ApplicationName=qc_urlset_name")) {
            QueryCache cache = c.unwrap(QueryCache.class);
            assertThat(cache.name()).matches("postgresql://127\\.0\\.0\\.1:5432/test #[0-9a-f]{12} user=postgres");
            cache.close();
        }
    }

    private static String read(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
