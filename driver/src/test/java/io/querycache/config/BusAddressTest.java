package io.querycache.config;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusAddressTest {

    @Test
    void redisWithPasswordAndChannel() {
        BusAddress a = BusAddress.parse("rediss://app:s3cr%40t@cache.local:6380/orders-bus");
        assertThat(a.kind()).isEqualTo(BusAddress.Kind.REDIS);
        assertThat(a.tls()).isTrue();
        assertThat(a.host()).isEqualTo("cache.local");
        assertThat(a.port()).isEqualTo(6380);
        assertThat(a.user()).isEqualTo("app");
        assertThat(a.password()).isEqualTo("s3cr@t");
        assertThat(a.channel()).isEqualTo("orders-bus");
        assertThat(a.toString()).isEqualTo("rediss://***@cache.local:6380/orders-bus").doesNotContain("s3cr");
    }

    @Test
    void defaults() {
        BusAddress a = BusAddress.parse("redis://localhost");
        assertThat(a.port()).isEqualTo(6379);
        assertThat(a.channel()).isEqualTo("querycache");
        assertThat(a.password()).isNull();
        assertThat(BusAddress.parse("redis://:pw@h").password()).isEqualTo("pw");
        assertThat(BusAddress.parse("postgres").channel()).isEqualTo("querycache");
        assertThat(BusAddress.parse("postgres/app_bus").channel()).isEqualTo("app_bus");
        assertThat(BusAddress.parse("postgres/app_bus").kind()).isEqualTo(BusAddress.Kind.POSTGRES);
    }

    @Test
    void aBadValueIsHy024NamingThePropertyWithoutThePassword() {
        Properties p = new Properties();
        p.setProperty("querycache.bus", "redis://u:topsecret@:notaport/x");
        assertThatThrownBy(() -> QueryCacheConfig.resolve(p))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("HY024");
                    assertThat(e.getMessage()).contains("querycache.bus").doesNotContain("topsecret");
                    assertThat(e.getCause()).isNull();
                });
        p.setProperty("querycache.bus", "kafka://x");
        assertThatThrownBy(() -> QueryCacheConfig.resolve(p)).hasMessageContaining("querycache.bus");
    }

    @Test
    void noBusByDefault() throws SQLException {
        assertThat(QueryCacheConfig.resolve(new Properties()).config().bus()).isNull();
    }
}
