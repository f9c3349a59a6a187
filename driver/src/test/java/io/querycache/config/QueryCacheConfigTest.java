package io.querycache.config;

import io.querycache.error.SqlState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryCacheConfigTest {

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty("querycache.maxRowsPerEntry");
        System.clearProperty("querycache.expiry");
        System.clearProperty("querycache.bogus");
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaults() throws SQLException {
        QueryCacheConfig c = QueryCacheConfig.resolve(new Properties()).config();
        assertThat(c.enabled()).isTrue();
        assertThat(c.name()).isNull();
        assertThat(c.strictHints()).isTrue();
        assertThat(c.autoInvalidate()).isTrue();
        assertThat(c.expiry()).isEqualTo(QueryCacheConfig.Expiry.SLIDING);
        assertThat(c.maxBytesPerEntry()).isEqualTo(4L << 20);
        assertThat(c.maxBytes()).isEqualTo(64L << 20);
        assertThat(c.volatileFunctions()).isEqualTo(QueryCacheConfig.VolatileFunctions.WARN);
    }

    @Test
    void precedenceIsConnectPropertiesThenSystemPropertiesThenTheClassPathFile() throws SQLException {
        assertThat(QueryCacheConfig.resolve(new Properties()).config().maxRowsPerEntry())
                .as("from the class-path file").isEqualTo(9999);
        System.setProperty("querycache.maxRowsPerEntry", "7");
        assertThat(QueryCacheConfig.resolve(new Properties()).config().maxRowsPerEntry())
                .as("system property over the file").isEqualTo(7);
        assertThat(QueryCacheConfig.resolve(props("querycache.maxRowsPerEntry", "3")).config().maxRowsPerEntry())
                .as("connect property over both").isEqualTo(3);
    }

    @Test
    void ourPropertiesAreRemovedBeforeTheRealDriverAndTheCallersAreUntouched() throws SQLException {
        Properties given = props("user", "sa", "querycache.name", "x", "ssl", "true");
        Properties forDriver = QueryCacheConfig.resolve(given).forDriver();
        assertThat(forDriver.stringPropertyNames()).containsExactlyInAnyOrder("user", "ssl");
        assertThat(given.stringPropertyNames()).hasSize(3);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> QueryCacheConfig.resolve(props("querycache.maxbytes", "1m")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("'querycache.maxbytes'")
                .hasMessageContaining("querycache.maxBytes, querycache.volatileFunctions")
                .hasMessageContaining("querycache.enabled");
        System.setProperty("querycache.bogus", "1");
        assertThatThrownBy(() -> QueryCacheConfig.resolve(new Properties()))
                .hasMessageContaining("'querycache.bogus' in the system properties");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "querycache.enabled|yes|true or false",
            "querycache.strictHints|1|true or false",
            "querycache.expiry|lru|sliding or absolute",
            "querycache.volatileFunctions|ignore|warn, error or allow",
            "querycache.maxRowsPerEntry|0|a positive integer",
            "querycache.maxRowsPerEntry|-5|a positive integer",
            "querycache.maxRowsPerEntry|ten|a positive integer",
            "querycache.maxRowsPerEntry|99999999999|a positive integer",
            "querycache.maxBytes|64x|a positive size",
            "querycache.maxBytes|0m|a positive size",
            "querycache.maxBytesPerEntry|1.5m|a positive size",
            "querycache.maxBytes|99999999999g|a positive size"})
    void aBadValueNamesThePropertyTheValueAndTheAcceptedForm(String name, String value, String form) {
        assertThatThrownBy(() -> QueryCacheConfig.resolve(props(name, value)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(name).hasMessageContaining("'" + value + "'").hasMessageContaining(form)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(SqlState.INVALID_ATTRIBUTE_VALUE.code());
    }

    @ParameterizedTest
    @CsvSource({"1024,1024", "4k,4096", "4KB,4096", "4 KiB,4096", "2m,2097152", "2MiB,2097152", "1g,1073741824"})
    void sizesAcceptBinaryUnits(String text, long bytes) throws SQLException {
        assertThat(QueryCacheConfig.resolve(props("querycache.maxBytes", text)).config().maxBytes()).isEqualTo(bytes);
    }

    @Test
    void booleansAndChoicesIgnoreCase() throws SQLException {
        QueryCacheConfig c = QueryCacheConfig.resolve(props("querycache.enabled", "FALSE",
                "querycache.expiry", "Absolute", "querycache.volatileFunctions", "ERROR")).config();
        assertThat(c.enabled()).isFalse();
        assertThat(c.expiry()).isEqualTo(QueryCacheConfig.Expiry.ABSOLUTE);
        assertThat(c.volatileFunctions()).isEqualTo(QueryCacheConfig.VolatileFunctions.ERROR);
    }
}
