package io.querycache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link QueryCache#of(DataSource)} and {@code QueryCacheDataSource.unwrap(QueryCache.class)}: the API from a pool. */
class QueryCacheOfTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private HikariDataSource hikari(String jdbcUrl, String cacheName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("sa");
        config.setMaximumPoolSize(2);
        if (cacheName != null) {
            config.addDataSourceProperty("querycache.name", cacheName);
        }
        HikariDataSource pool = new HikariDataSource(config);
        toClose.add(pool);
        return pool;
    }

    private static JdbcDataSource h2(String database) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private <T extends AutoCloseable> T closing(T cache) {
        toClose.add(0, cache); // closed after the pools
        return cache;
    }

    private static void createFlags(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE qcof_flags(name VARCHAR(20) PRIMARY KEY, on_ BOOLEAN)");
            s.execute("INSERT INTO qcof_flags VALUES ('beta', TRUE)");
        }
    }

    private static void readHinted(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("/*cache:flags*/ SELECT on_ FROM qcof_flags WHERE name = 'beta'")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void hikariConfiguredByUrlCannotUnwrapButOfReachesTheCacheThroughThePoolProxy() throws SQLException {
        HikariDataSource pool = hikari("jdbc:querycache:h2:mem:qcof_hikari;DB_CLOSE_DELAY=-1", "qcof-hikari");

        // What users hit before: Hikari asks its DriverDataSource, which knows nothing of querycache.
        assertThatThrownBy(() -> pool.unwrap(QueryCache.class)).isInstanceOf(SQLException.class);

        QueryCache cache = closing(QueryCache.of(pool));
        assertThat(cache.name()).isEqualTo("qcof-hikari");
        try (Connection c = pool.getConnection()) {
            assertThat(c.isWrapperFor(QueryCache.class)).isTrue();
            assertThat(c.unwrap(QueryCache.class)).isSameAs(cache);
        }
        createFlags(pool);
        readHinted(pool);
        readHinted(pool);
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(QueryCache.of(pool)).isSameAs(cache);
    }

    @Test
    void aPlainDriverManagerDataSourceWithAQuerycacheUrl() throws SQLException {
        DataSource ds = new UrlDataSource("jdbc:querycache:h2:mem:qcof_plain;DB_CLOSE_DELAY=-1", "qcof-plain");
        QueryCache cache = closing(QueryCache.of(ds));
        assertThat(cache.name()).isEqualTo("qcof-plain");
        createFlags(ds);
        readHinted(ds);
        readHinted(ds);
        assertThat(cache.stats().hits()).isEqualTo(1);
    }

    @Test
    void queryCacheDataSourceUnwrapsBeforeItsFirstConnection() throws SQLException {
        QueryCacheDataSource ds = new QueryCacheDataSource(h2("qcof_wrapped"));
        ds.setName("qcof-wrapped");

        assertThat(ds.isWrapperFor(QueryCache.class)).isTrue();
        QueryCache cache = closing(ds.unwrap(QueryCache.class));
        assertThat(cache.name()).isEqualTo("qcof-wrapped");
        assertThat(QueryCache.of(ds)).isSameAs(cache);
    }

    @Test
    void queryCacheDataSourceWithoutANameUnwrapsToTheCacheItsConnectionsJoin() throws SQLException {
        QueryCacheDataSource ds = new QueryCacheDataSource(h2("qcof_unnamed"));

        QueryCache cache = closing(ds.unwrap(QueryCache.class));
        try (Connection c = ds.getConnection()) {
            assertThat(c.unwrap(QueryCache.class)).isSameAs(cache);
        }
    }

    @Test
    void aPoolAroundAQueryCacheDataSourceUnwrapsDirectly() throws SQLException {
        QueryCacheDataSource target = new QueryCacheDataSource(h2("qcof_pooled"));
        target.setName("qcof-pooled");
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(config);
        toClose.add(pool);

        QueryCache cache = closing(QueryCache.of(pool));
        assertThat(cache.name()).isEqualTo("qcof-pooled");
        assertThat(pool.unwrap(QueryCache.class)).isSameAs(cache);
    }

    @Test
    void aDataSourceThatIsNotQuerycacheIsAClearError() {
        HikariDataSource pool = hikari("jdbc:h2:mem:qcof_raw;DB_CLOSE_DELAY=-1", null);
        assertThatThrownBy(() -> QueryCache.of(pool))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("com.zaxxer.hikari.HikariDataSource does not give querycache connections")
                .hasMessageContaining("jdbc:querycache:")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));

        assertThatThrownBy(() -> QueryCache.of(h2("qcof_raw")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("org.h2.jdbcx.JdbcDataSource does not give querycache connections");
        assertThatThrownBy(() -> QueryCache.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aDisabledQuerycacheSaysSo() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:querycache:h2:mem:qcof_off;DB_CLOSE_DELAY=-1");
        config.addDataSourceProperty("querycache.enabled", "false");
        HikariDataSource pool = new HikariDataSource(config);
        toClose.add(pool);
        assertThatThrownBy(() -> QueryCache.of(pool))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("querycache.enabled=false");
    }

    /** The simplest DataSource there is: DriverManager with a URL, as many frameworks' own DataSources are. */
    private static final class UrlDataSource implements DataSource {
        private final String url;
        private final Properties properties = new Properties();

        UrlDataSource(String url, String cacheName) {
            this.url = url;
            properties.setProperty("user", "sa");
            properties.setProperty("querycache.name", cacheName);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, properties);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
