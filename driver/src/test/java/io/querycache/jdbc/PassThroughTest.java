package io.querycache.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import io.querycache.QueryCacheDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Without hints, the wrappers behave exactly as H2 does directly. */
class PassThroughTest {

    private static final AtomicInteger DB = new AtomicInteger();
    private String h2Url;
    private Connection direct;
    private Connection proxied;

    @BeforeEach
    void open() throws SQLException {
        h2Url = "jdbc:h2:mem:passthrough" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        direct = DriverManager.getConnection(h2Url, "sa", "");
        proxied = DriverManager.getConnection("jdbc:querycache:" + h2Url.substring(5), "sa", "");
        try (Statement s = direct.createStatement()) {
            s.execute("CREATE TABLE items(id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE,"
                    + " price DECIMAL(8,2))");
            s.execute("INSERT INTO items(name, price) VALUES ('a', 1.50), ('b', 2.25), ('c', NULL)");
            s.execute("CREATE ALIAS TWICE FOR \"java.lang.Math.multiplyExact(int, int)\"");
        }
    }

    @AfterEach
    void close() throws SQLException {
        direct.close();
        proxied.close();
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                row.append(rs.getString(i)).append('|');
            }
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void queriesReturnTheSameRows() throws SQLException {
        String sql = "SELECT id, name, price FROM items ORDER BY id";
        try (Statement a = direct.createStatement(); Statement b = proxied.createStatement()) {
            assertThat(rows(b.executeQuery(sql))).isEqualTo(rows(a.executeQuery(sql)));
            assertThat(b.execute(sql)).isEqualTo(a.execute(sql));
            assertThat(rows(b.getResultSet())).isEqualTo(rows(a.getResultSet()));
        }
        try (PreparedStatement a = direct.prepareStatement("SELECT name FROM items WHERE price > ?");
             PreparedStatement b = proxied.prepareStatement("SELECT name FROM items WHERE price > ?")) {
            a.setBigDecimal(1, new java.math.BigDecimal("2"));
            b.setBigDecimal(1, new java.math.BigDecimal("2"));
            assertThat(rows(b.executeQuery())).isEqualTo(rows(a.executeQuery())).containsExactly("b|");
        }
    }

    @Test
    void updatesAndGeneratedKeys() throws SQLException {
        try (Statement s = proxied.createStatement()) {
            assertThat(s.executeUpdate("UPDATE items SET price = 3 WHERE price IS NOT NULL")).isEqualTo(2);
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.executeUpdate("INSERT INTO items(name) VALUES ('d')", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(1);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getInt(1)).isEqualTo(4);
                assertThat(keys.getStatement()).isSameAs(s);
            }
        }
        try (PreparedStatement ps = proxied.prepareStatement("INSERT INTO items(name) VALUES (?)", new String[] {"ID"})) {
            ps.setString(1, "e");
            assertThat(ps.executeLargeUpdate()).isEqualTo(1);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getInt(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void batchesIncludingAFailingOne() throws SQLException {
        try (PreparedStatement ps = proxied.prepareStatement("INSERT INTO items(name) VALUES (?)")) {
            ps.setString(1, "x");
            ps.addBatch();
            ps.setString(1, "y");
            ps.addBatch();
            assertThat(ps.executeBatch()).containsExactly(1, 1);
        }
        try (Statement a = direct.createStatement(); Statement b = proxied.createStatement()) {
            a.addBatch("INSERT INTO items(name) VALUES ('p')");
            a.addBatch("INSERT INTO items(name) VALUES ('a')");
            b.addBatch("INSERT INTO items(name) VALUES ('q')");
            b.addBatch("INSERT INTO items(name) VALUES ('a')");
            Throwable expected = catchThrowable(a::executeBatch);
            Throwable actual = catchThrowable(b::executeBatch);
            assertThat(actual).isInstanceOf(BatchUpdateException.class).hasSameClassAs(expected);
            assertThat(((SQLException) actual).getSQLState()).isEqualTo(((SQLException) expected).getSQLState());
            assertThat(((BatchUpdateException) actual).getUpdateCounts())
                    .isEqualTo(((BatchUpdateException) expected).getUpdateCounts());
        }
    }

    @Test
    void callableStatements() throws SQLException {
        try (CallableStatement call = proxied.prepareCall("{? = call TWICE(?, 2)}")) {
            call.registerOutParameter(1, java.sql.Types.INTEGER);
            call.setInt(2, 21);
            call.execute();
            assertThat(call.getInt(1)).isEqualTo(42);
            assertThat(call.getConnection()).isSameAs(proxied);
        }
    }

    @Test
    void metadataAndIdentity() throws SQLException {
        DatabaseMetaData meta = proxied.getMetaData();
        assertThat(meta.getConnection()).isSameAs(proxied);
        assertThat(meta.getURL()).isEqualTo(direct.getMetaData().getURL());
        assertThat(meta.getDatabaseProductName()).isEqualTo("H2");
        try (ResultSet tables = meta.getTables(null, null, "ITEMS", null)) {
            assertThat(tables).isInstanceOf(ProxyResultSet.class);
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString("TABLE_NAME")).isEqualTo("ITEMS");
        }
        try (Statement s = proxied.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(s.getConnection()).isSameAs(proxied);
            assertThat(rs.getStatement()).isSameAs(s);
            assertThat(s.getResultSet()).isSameAs(rs);
        }
        assertThat(proxied.unwrap(org.h2.jdbc.JdbcConnection.class)).isInstanceOf(org.h2.jdbc.JdbcConnection.class);
        assertThat(proxied.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
        assertThat(proxied.unwrap(ProxyConnection.class)).isSameAs(proxied);
        assertThat(proxied.unwrap(QueryCache.class)).isNotNull();
        try (Statement s = proxied.createStatement()) {
            assertThat(s.unwrap(org.h2.jdbc.JdbcStatement.class)).isInstanceOf(org.h2.jdbc.JdbcStatement.class);
        }
    }

    @Test
    void warningsAndErrorsAreTheRealDriversOwn() throws SQLException {
        try (Statement a = direct.createStatement(); Statement b = proxied.createStatement()) {
            SQLException expected = (SQLException) catchThrowable(() -> a.executeQuery("SELECT nope FROM items"));
            SQLException actual = (SQLException) catchThrowable(() -> b.executeQuery("SELECT nope FROM items"));
            assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
            assertThat(actual.getErrorCode()).isEqualTo(expected.getErrorCode());
            assertThat(actual.getClass()).isEqualTo(expected.getClass());
        }
        proxied.setReadOnly(false);
        SQLWarning warning = proxied.getWarnings();
        assertThat((Object) warning).isEqualTo(direct.getWarnings());
    }

    @Test
    void errorsOnClosedObjectsMatch() throws SQLException {
        Statement a = direct.createStatement();
        Statement b = proxied.createStatement();
        ResultSet ra = a.executeQuery("SELECT 1");
        ResultSet rb = b.executeQuery("SELECT 1");
        a.close();
        b.close();
        assertThat(b.isClosed()).isTrue();
        SQLException expected = (SQLException) catchThrowable(() -> a.executeQuery("SELECT 1"));
        SQLException actual = (SQLException) catchThrowable(() -> b.executeQuery("SELECT 1"));
        assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
        assertThat(rb.isClosed()).isEqualTo(ra.isClosed());
        Connection c = DriverManager.getConnection("jdbc:querycache:" + h2Url.substring(5), "sa", "");
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class);
    }

    @Test
    void aHikariPoolOfQuerycacheConnectionsSharesOneCache() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:querycache:" + h2Url.substring(5));
        config.setDriverClassName("io.querycache.QueryCacheDriver");
        config.setUsername("sa");
        config.setMaximumPoolSize(3);
        config.addDataSourceProperty("querycache.name", "hikari-" + h2Url);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            for (int i = 0; i < 4; i++) {
                try (Connection c = pool.getConnection();
                     PreparedStatement ps = c.prepareStatement("/*cache:items*/ SELECT count(*) FROM items");
                     ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(3);
                }
            }
            try (Connection c = pool.getConnection()) {
                QueryCache cache = c.unwrap(QueryCache.class);
                assertThat(cache.name()).isEqualTo("hikari-" + h2Url);
                assertThat(cache.stats().hits()).isEqualTo(3);
                assertThat(cache.stats().misses()).isEqualTo(1);
            }
        }
    }

    @Test
    void aDataSourceWrapperBehavesAsTheDriver() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url);
        h2.setUser("sa");
        QueryCacheDataSource ds = new QueryCacheDataSource(h2);
        ds.setName("datasource-" + h2Url);
        for (int i = 0; i < 2; i++) {
            try (Connection c = ds.getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("/*cache:items*/ SELECT name FROM items ORDER BY id")) {
                assertThat(c).isInstanceOf(ProxyConnection.class);
                assertThat(rows(rs)).containsExactly("a|", "b|", "c|");
            }
        }
        assertThat(ds.unwrap(QueryCache.class).stats().hits()).isEqualTo(1);
        assertThat(ds.unwrap(JdbcDataSource.class)).isSameAs(h2);
        assertThat(ds.isWrapperFor(JdbcDataSource.class)).isTrue();
        QueryCacheDataSource empty = new QueryCacheDataSource();
        assertThatThrownBy(empty::getConnection).hasMessageContaining("setDataSource");
    }

    @Test
    void disabledMeansPurePassThrough() throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "sa");
        p.setProperty("querycache.enabled", "false");
        try (Connection c = DriverManager.getConnection("jdbc:querycache:" + h2Url.substring(5), p);
             Statement s = c.createStatement()) {
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = s.executeQuery("/*cache:items*/ SELECT count(*) FROM items")) {
                    rs.next();
                    assertThat(rs).isInstanceOf(ProxyResultSet.class);
                }
            }
            // Even a malformed hint is ignored.
            s.executeQuery("/*cache:*/ SELECT 1").close();
            assertThat(c.isWrapperFor(QueryCache.class)).isFalse();
        }
    }
}
