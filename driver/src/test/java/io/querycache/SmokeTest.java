package io.querycache;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void hitsAndInvalidation() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:querycache:h2:mem:smoke;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(id INT PRIMARY KEY, name VARCHAR(10))");
                s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
            }
            QueryCache cache = c.unwrap(QueryCache.class);
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement("/*cache:t*/ SELECT name FROM t WHERE id = ?")) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("a");
                    }
                }
            }
            assertThat(cache.stats().hits()).isEqualTo(2);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE t SET name = 'z' WHERE id = 1");
            }
            try (PreparedStatement ps = c.prepareStatement("/*cache:t*/ SELECT name FROM t WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("z");
                }
            }
            assertThat(cache.stats().misses()).isEqualTo(2);
        }
    }
}
