package io.querycache;

import io.querycache.testing.StubDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryCacheDriverTest {

    private final QueryCacheDriver driver = new QueryCacheDriver();

    @BeforeEach
    void reset() {
        StubDriver.register();
        StubDriver.reset();
    }

    @Test
    void acceptsOnlyItsOwnPrefix() {
        assertThat(driver.acceptsURL("jdbc:querycache:h2:mem:x")).isTrue();
        assertThat(driver.acceptsURL("jdbc:h2:mem:x")).isFalse();
        assertThat(driver.acceptsURL("jdbc:QUERYCACHE:h2:mem:x")).isFalse();
        assertThat(driver.acceptsURL("jdbc:stub:querycache:x")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
    }

    @Test
    void connectReturnsNullForOtherUrls() throws SQLException {
        assertThat(driver.connect("jdbc:h2:mem:other", new Properties())).isNull();
        assertThat(StubDriver.calls("connect")).isZero();
    }

    @Test
    void isRegisteredThroughTheServiceLoaderAndDriverManager() throws SQLException {
        assertThat(ServiceLoader.load(Driver.class)).anyMatch(d -> d instanceof QueryCacheDriver);
        assertThat(DriverManager.getDriver("jdbc:querycache:h2:mem:x")).isInstanceOf(QueryCacheDriver.class);
    }

    @Test
    void stripsExactlyThePrefixAndTheQuerycacheProperties() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "sa");
        props.setProperty("password", "secret");
        props.setProperty("querycache.name", "strip-test");
        props.setProperty("querycache.maxRowsPerEntry", "5");
        // "querycache:" appears again later in the URL and must survive: substring, never replace.
        try (Connection c = driver.connect("jdbc:querycache:stub:mem:strip;INIT=SET @X='querycache:'", props)) {
            assertThat(c).isNotNull();
        }
        assertThat(StubDriver.lastUrl()).isEqualTo("jdbc:stub:mem:strip;INIT=SET @X='querycache:'");
        assertThat(StubDriver.lastProperties().stringPropertyNames()).containsExactlyInAnyOrder("user", "password");
        assertThat(props.stringPropertyNames()).as("the caller's properties are untouched").hasSize(4);
    }

    @Test
    void refusesTheDoublePrefix() {
        assertThatThrownBy(() -> driver.connect("jdbc:querycache:querycache:h2:mem:x", new Properties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("names querycache twice")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }

    @Test
    void aMissingRealDriverIsA08001ThatNamesTheUrlWithoutItsPassword() {
        assertThatThrownBy(() -> driver.connect(
                "jdbc:querycache:nosuchdb://app:s3cret@db:5/shop?password=s3cret&user=app", new Properties()))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    SQLException sql = (SQLException) e;
                    assertThat(sql.getSQLState()).isEqualTo("08001");
                    assertThat(sql.getMessage()).contains("jdbc:nosuchdb://").contains("class path")
                            .doesNotContain("s3cret");
                });
    }

    @Test
    void theRealDriversExceptionReachesTheCallerAsTheSameObject() {
        assertThatThrownBy(() -> driver.connect("jdbc:querycache:stub:fail", new Properties()))
                .isSameAs(StubDriver.FAILURE);
    }

    @Test
    void propertyInfoComesFromTheRealDriverPlusOurOwn() throws SQLException {
        Properties props = new Properties();
        props.setProperty("querycache.enabled", "true");
        DriverPropertyInfo[] info = driver.getPropertyInfo("jdbc:querycache:stub:mem:info", props);
        assertThat(StubDriver.lastUrl()).isEqualTo("jdbc:stub:mem:info");
        assertThat(StubDriver.lastProperties().stringPropertyNames()).isEmpty();
        assertThat(Arrays.stream(info).map(p -> p.name)).contains("stubOption", "querycache.enabled",
                "querycache.maxBytes");
    }

    @Test
    void versionAndLogger() {
        assertThat(driver.getMajorVersion()).isEqualTo(0);
        assertThat(driver.getMinorVersion()).isEqualTo(1);
        assertThat(driver.getParentLogger()).isSameAs(Logger.getLogger("io.querycache"));
    }

    @Test
    void aHitDoesNotReachTheRealDriver() throws SQLException {
        Properties props = new Properties();
        props.setProperty("querycache.name", "stub-hits");
        try (Connection c = driver.connect("jdbc:querycache:stub:mem:hits;DB_CLOSE_DELAY=-1", props)) {
            c.createStatement().execute("CREATE TABLE t(id INT)");
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            read(c);
            int before = StubDriver.calls("executeQuery");
            for (int i = 0; i < 5; i++) {
                read(c);
            }
            assertThat(StubDriver.calls("executeQuery")).isEqualTo(before);
        }
    }

    private static void read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("/*cache:t*/ SELECT id FROM t");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
