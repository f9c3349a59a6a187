package io.querycache.integration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A HikariCP pool of querycache connections on each server shares one cache; and a hit costs zero round
 * trips, proven on the server: the hinted query calls a function that counts its executions in a table.
 */
@Tag("integration")
class ServerPoolsTest {

    private static HikariDataSource pool(ServerDatabase db, String cache, String dependencies) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.cachedUrl());
        config.setDriverClassName("io.querycache.QueryCacheDriver");
        config.setUsername(db.user());
        config.setMaximumPoolSize(4);
        config.addDataSourceProperty("querycache.name", cache);
        config.addDataSourceProperty("querycache.volatileFunctions", "allow");
        config.addDataSourceProperty("querycache.dependencies", dependencies);
        return new HikariDataSource(config);
    }

    private static void check(ServerDatabase db, String createCounter, String countingCall, String dropCounter)
            throws SQLException {
        String suffix = ServerDatabase.unique("");
        String calls = "qc_calls" + suffix;
        String function = "qc_counted" + suffix;
        String cache = ServerDatabase.unique("pool");
        db.execute("CREATE TABLE " + calls + " (n INT NOT NULL)", "INSERT INTO " + calls + " VALUES (0)",
                String.format(createCounter, function, calls));
        // Declared: the function writes the counter and reads nothing, so a hinted call of it may be cached.
        try (HikariDataSource pool = pool(db, cache, function + "=>" + calls)) {
            String sql = "/*cache:counted*/ SELECT " + String.format(countingCall, function) + " AS c";
            for (int i = 0; i < 20; i++) {
                try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                     ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
            try (Connection c = pool.getConnection()) {
                QueryCache qc = c.unwrap(QueryCache.class);
                assertThat(qc.name()).isEqualTo(cache);
                assertThat(qc.stats().misses()).isEqualTo(1);
                assertThat(qc.stats().hits()).isEqualTo(19);
            }
            try (Connection direct = db.direct(); Statement s = direct.createStatement();
                 ResultSet rs = s.executeQuery("SELECT n FROM " + calls)) {
                rs.next();
                assertThat(rs.getInt(1)).as("executions that reached the server").isEqualTo(1);
            }
        } finally {
            db.dropQuietly(String.format(dropCounter, function), "DROP TABLE " + calls);
        }
    }

    @Test
    void postgresql() throws SQLException {
        check(ServerDatabase.POSTGRES,
                "CREATE FUNCTION %s() RETURNS int LANGUAGE sql VOLATILE AS $$ UPDATE %s SET n = n + 1 RETURNING 1 $$",
                "%s()", "DROP FUNCTION %s()");
    }

    @Test
    void mariadb() throws SQLException {
        check(ServerDatabase.MARIADB,
                "CREATE FUNCTION %s() RETURNS INT MODIFIES SQL DATA BEGIN UPDATE %s SET n = n + 1; RETURN 1; END",
                "%s()", "DROP FUNCTION %s");
    }
}
