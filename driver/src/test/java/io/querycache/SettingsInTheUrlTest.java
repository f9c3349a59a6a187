package io.querycache;

import io.querycache.error.SqlState;
import io.querycache.config.JdbcUrls;
import io.querycache.testing.StubDriver;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings in the URL end to end, on H2 (SPEC 9): read, removed before the real driver sees the URL, checked
 * against the Properties and against the cache a connection joins; the DataSource path behaves the same.
 */
class SettingsInTheUrlTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String READ = "/*cache:item*/ SELECT name FROM urlset_item WHERE id = 1";

    private final QueryCacheDriver driver = new QueryCacheDriver();
    private String db;

    @BeforeEach
    void database() throws SQLException {
        StubDriver.register();
        StubDriver.reset();
        db = "urlset" + DATABASES.incrementAndGet();
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE urlset_item(id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO urlset_item VALUES (1, 'first')");
        }
    }

    private Connection direct() throws SQLException {
        return DriverManager.getConnection(raw());
    }

    private String raw() {
        return "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:querycache:stub:mem:%s;querycache.name=%s;DB_CLOSE_DELAY=-1|jdbc:stub:mem:%s;DB_CLOSE_DELAY=-1",
            "jdbc:querycache:stub:mem:%s;DB_CLOSE_DELAY=-1;querycache.name=%s|jdbc:stub:mem:%s;DB_CLOSE_DELAY=-1",
            "jdbc:querycache:stub:mem:%s;DB_CLOSE_DELAY=-1;querycache.name=%s;querycache.strictHints=false|jdbc:stub:mem:%s;DB_CLOSE_DELAY=-1",
            "jdbc:querycache:stub:mem:%s;MODE=MySQL;querycache.name=%s;DB_CLOSE_DELAY=-1;querycache.maxBytes=1m|jdbc:stub:mem:%s;MODE=MySQL;DB_CLOSE_DELAY=-1"})
    void theRealDriverGetsTheUrlWithoutTheSettings(String written, String expected) throws SQLException {
        Properties p = new Properties();
        p.setProperty("querycache.autoInvalidate", "true");
        // The stub connects to H2 as sa: a database of its own.
        String stubDb = db + "_stub";
        String url = written.replaceFirst("%s", stubDb).replaceFirst("%s", db + "-name");
        try (Connection c = driver.connect(url, p)) {
            assertThat(c.unwrap(QueryCache.class).name()).isEqualTo(db + "-name");
        }
        assertThat(StubDriver.lastUrl()).isEqualTo(expected.replace("%s", stubDb));
        assertThat(StubDriver.lastProperties().stringPropertyNames()).noneMatch(k -> k.startsWith("querycache."));
    }

    @Test
    void enabledFalseInTheUrlIsAPurePassThrough() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:querycache:h2:mem:" + db
                + ";querycache.enabled=false;DB_CLOSE_DELAY=-1");
             Connection direct = direct()) {
            assertThat(read(c)).isEqualTo("first");
            changeBehindTheCache(direct, "second");
            assertThat(read(c)).as("the second hinted read reached the database").isEqualTo("second");
            assertThatThrownBy(() -> c.unwrap(QueryCache.class)).isInstanceOf(SQLException.class);
            assertThat(c.getMetaData().getURL()).isEqualTo(direct.getMetaData().getURL());
        }
        assertThat(QueryCacheDriver.cache(JdbcUrls.defaultCacheName(raw(), null))).as("no cache was made").isNull();
    }

    @Test
    void enabledTrueCachesTheSameReadAsTheControl() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:querycache:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
             Connection direct = direct()) {
            assertThat(read(c)).isEqualTo("first");
            changeBehindTheCache(direct, "second");
            assertThat(read(c)).as("a hit").isEqualTo("first");
            assertThat(c.unwrap(QueryCache.class).name()).startsWith("h2:mem:" + db + " #")
                    .isEqualTo(JdbcUrls.defaultCacheName(raw(), null));
        }
    }

    @Test
    void urlSettingsApplyToTheCache() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:querycache:h2:mem:" + db
                + ";querycache.name=" + db + "-sized;querycache.maxBytes=1m;DB_CLOSE_DELAY=-1")) {
            QueryCache cache = c.unwrap(QueryCache.class);
            assertThat(cache.name()).isEqualTo(db + "-sized");
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:querycache:h2:mem:" + db
                    + ";querycache.name=" + db + "-sized;querycache.maxBytes=2m;DB_CLOSE_DELAY=-1"))
                    .hasMessageContaining("querycache.maxBytes differs from the cache '" + db + "-sized'")
                    .hasMessageContaining("'1m' (from the URL)").hasMessageContaining("'2m' (from the URL)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            ";querycache.nmae=x|Unknown querycache property 'querycache.nmae' in the URL (value 'x'); the known properties are: querycache.enabled",
            ";querycache.maxBytes=lots|Invalid value 'lots' for querycache.maxBytes: expected a positive size: bytes, or a number with k, m or g (KiB, MiB, GiB) (set in the URL)",
            ";querycache.enabled=no|Invalid value 'no' for querycache.enabled: expected true or false (set in the URL)",
            ";querycache.expiry=forever|Invalid value 'forever' for querycache.expiry: expected sliding or absolute (set in the URL)",
            ";QUERYCACHE.ENABLED=false|Unknown querycache property 'QUERYCACHE.ENABLED' in the URL (value 'false')"})
    void anUnknownNameOrABadValueIsAnErrorThatNamesIt(String setting, String message) {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:querycache:h2:mem:" + db + setting))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(SqlState.INVALID_ATTRIBUTE_VALUE.code());
    }

    @Test
    void theUrlAndThePropertiesMayNameASettingOnlyAlike() throws SQLException {
        String url = "jdbc:querycache:h2:mem:" + db + ";querycache.name=" + db + "-both;DB_CLOSE_DELAY=-1";
        Properties same = new Properties();
        same.setProperty("querycache.name", db + "-both");
        try (Connection c = DriverManager.getConnection(url, same)) {
            assertThat(c.unwrap(QueryCache.class).name()).isEqualTo(db + "-both");
        }
        Properties other = new Properties();
        other.setProperty("querycache.name", db + "-other");
        assertThatThrownBy(() -> DriverManager.getConnection(url, other))
                .hasMessageContaining("querycache.name is set twice, to '" + db + "-both' in the URL and to '"
                        + db + "-other' in the connection properties")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(SqlState.INVALID_ATTRIBUTE_VALUE.code());
    }

    /** first connection's setting | a joining connection's | the message, or "joins" when it may join. */
    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', value = {
            "querycache.maxBytes=1m|querycache.maxBytes=2m|querycache.maxBytes differs from the cache '%s' this connection joins: the cache has '1m' (from the connection properties), this connection asks for '2m' (from the connection properties)",
            "querycache.maxBytes=1m|querycache.maxBytes=1024k|joins",
            "querycache.maxBytes=64m|querycache.strictHints=false|joins",
            "querycache.expiry=absolute|querycache.expiry=sliding|querycache.expiry differs from the cache '%s' this connection joins: the cache has 'absolute'",
            "querycache.expiry=absolute|querycache.expiry=ABSOLUTE|joins",
            "querycache.strictHints=true|querycache.expiry=absolute|this connection asks for 'absolute' (from the connection properties)",
            "querycache.dependencies=a=>b|querycache.dependencies=a=>c|querycache.dependencies differs",
            "querycache.changeFeed.maxLag=1s|querycache.changeFeed.maxLag=1000ms|joins",
            "querycache.changeFeed.maxLag=1s|querycache.changeFeed.maxLag=2s|querycache.changeFeed.maxLag differs",
            "querycache.strictHints=true|querycache.changeFeed=replication|querycache.changeFeed differs from the cache '%s' this connection joins: the cache has 'none' (the default)",
            "querycache.strictHints=true|querycache.bus=redis://u:s3cret@127.0.0.1:1/x|querycache.bus differs from the cache '%s' this connection joins: the cache has 'none' (the default), this connection asks for 'redis://***@127.0.0.1:1/x'",
            "querycache.maxRowsPerEntry=5|querycache.maxRowsPerEntry=6|joins",
            "querycache.volatileFunctions=warn|querycache.volatileFunctions=error|joins"})
    void aConnectionJoinsACacheOnlyWithItsCacheLevelSettings(String first, String second, String outcome)
            throws SQLException {
        String name = db + "-join";
        for (boolean dataSource : new boolean[] {false, true}) {
            String cacheName = name + (dataSource ? "-ds" : "-dm");
            try (Connection c = open(dataSource, cacheName, first)) {
                if (outcome.equals("joins")) {
                    try (Connection joined = open(dataSource, cacheName, second)) {
                        assertThat(joined.unwrap(QueryCache.class)).isSameAs(c.unwrap(QueryCache.class));
                    }
                } else {
                    assertThatThrownBy(() -> open(dataSource, cacheName, second).close())
                            .as(dataSource ? "QueryCacheDataSource" : "DriverManager")
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining(outcome.replace("%s", cacheName))
                            .hasMessageNotContaining("s3cret")
                            .extracting(e -> ((SQLException) e).getSQLState())
                            .isEqualTo(SqlState.INVALID_ATTRIBUTE_VALUE.code());
                }
            } finally {
                QueryCache cache = QueryCacheDriver.cache(cacheName);
                if (cache != null) {
                    cache.close();
                }
            }
        }
    }

    @Test
    void theDataSourceRefusesAnUnknownSettingAndPassesThroughWhenDisabled() throws SQLException {
        QueryCacheDataSource ds = new QueryCacheDataSource(h2());
        ds.setProperty("querycache.nmae", "x");
        assertThatThrownBy(ds::getConnection)
                .hasMessageContaining("Unknown querycache property 'querycache.nmae' in the connection"
                        + " properties (value 'x')");

        QueryCacheDataSource off = new QueryCacheDataSource(h2());
        off.setEnabled(false);
        try (Connection c = off.getConnection(); Connection direct = direct()) {
            assertThat(read(c)).isEqualTo("first");
            changeBehindTheCache(direct, "second");
            assertThat(read(c)).isEqualTo("second");
        }
    }

    private Connection open(boolean dataSource, String cacheName, String setting) throws SQLException {
        Properties p = new Properties();
        p.setProperty("querycache.name", cacheName);
        p.setProperty(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        if (!dataSource) {
            return DriverManager.getConnection("jdbc:querycache:h2:mem:" + db + ";DB_CLOSE_DELAY=-1", p);
        }
        QueryCacheDataSource ds = new QueryCacheDataSource(h2());
        ds.setProperties(p);
        return ds.getConnection();
    }

    private JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(raw());
        return h2;
    }

    private static String read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(READ)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void changeBehindTheCache(Connection direct, String name) throws SQLException {
        try (Statement s = direct.createStatement()) {
            s.executeUpdate("UPDATE urlset_item SET name = '" + name + "' WHERE id = 1");
        }
    }
}
