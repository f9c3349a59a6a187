package io.querycache.feed;

import io.querycache.config.QueryCacheConfig;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeFeedConfigTest {

    private static QueryCacheConfig config(String... pairs) throws SQLException {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return QueryCacheConfig.resolve(p).config();
    }

    @Test
    void defaultsToNoFeedAndOneSecond() throws SQLException {
        QueryCacheConfig c = config();
        assertThat(c.changeFeed()).isEqualTo(QueryCacheConfig.ChangeFeed.NONE);
        assertThat(c.changeFeedMaxLagMillis()).isEqualTo(1000);
    }

    @Test
    void readsReplicationAndDurations() throws SQLException {
        assertThat(config("querycache.changeFeed", "replication").changeFeed())
                .isEqualTo(QueryCacheConfig.ChangeFeed.REPLICATION);
        assertThat(config("querycache.changeFeed.maxLag", "250ms").changeFeedMaxLagMillis()).isEqualTo(250);
        assertThat(config("querycache.changeFeed.maxLag", "3s").changeFeedMaxLagMillis()).isEqualTo(3000);
        assertThat(config("querycache.changeFeed.maxLag", "400").changeFeedMaxLagMillis()).isEqualTo(400);
    }

    @Test
    void badValuesAreHy024() {
        for (String[] bad : new String[][]{{"querycache.changeFeed", "binlog"}, {"querycache.changeFeed.maxLag", "0"},
                {"querycache.changeFeed.maxLag", "-1s"}, {"querycache.changeFeed.maxLag", "1 minute"}}) {
            assertThatThrownBy(() -> config(bad))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(bad[0])
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("HY024");
        }
    }

    @Test
    void mysqlAddressComesFromTheUrlAndTheProperties() {
        MysqlAddress a = MysqlAddress.of("jdbc:mariadb://db.example:3307,replica:3306/shop?user=u&password=p%26w", null,
                null);
        assertThat(a.host).isEqualTo("db.example");
        assertThat(a.port).isEqualTo(3307);
        assertThat(a.user).isEqualTo("u");
        assertThat(a.password).isEqualTo("p&w");
        MysqlAddress b = MysqlAddress.of("jdbc:mysql://localhost/shop", "app", "secret");
        assertThat(b.port).isEqualTo(3306);
        assertThat(b.user).isEqualTo("app");
        assertThat(b.password).isEqualTo("secret");
    }
}
