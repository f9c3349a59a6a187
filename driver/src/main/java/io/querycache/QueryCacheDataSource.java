package io.querycache;

import io.querycache.config.QueryCacheConfig;
import io.querycache.error.SqlState;
import io.querycache.dependency.CatalogConnections;
import io.querycache.jdbc.Connections;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps any {@link DataSource} so its connections go through querycache, for applications that configure a
 * DataSource object rather than a URL. Bean-style, so a container or a pool can configure it:
 * <pre>{@code
 * QueryCacheDataSource ds = new QueryCacheDataSource(realDataSource);
 * ds.setProperty("querycache.maxBytes", "128m");
 * }</pre>
 * {@code unwrap(QueryCache.class)} and {@link QueryCache#of(DataSource)} give the cache.
 */
public class QueryCacheDataSource implements DataSource {

    static {
        CacheView.bind();
    }

    private volatile DataSource dataSource;
    private final Properties properties = new Properties();
    private volatile QueryCacheConfig config;
    private volatile String lastCacheName;

    public QueryCacheDataSource() {
    }

    public QueryCacheDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sets {@code querycache.*} properties; they take precedence over system properties and the class-path file. */
    public synchronized void setProperties(Properties querycacheProperties) {
        properties.clear();
        properties.putAll(querycacheProperties);
        config = null;
    }

    /** Sets one {@code querycache.*} property. */
    public synchronized void setProperty(String name, String value) {
        properties.setProperty(name, value);
        config = null;
    }

    /** {@code querycache.name}: the cache's name. */
    public void setName(String name) {
        setProperty("querycache.name", name);
    }

    /** {@code querycache.enabled}. */
    public void setEnabled(boolean enabled) {
        setProperty("querycache.enabled", Boolean.toString(enabled));
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource target = target();
        return wrap(target.getConnection(), null, target::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        DataSource target = target();
        return wrap(target.getConnection(username, password), username,
                () -> target.getConnection(username, password));
    }

    private Connection wrap(Connection real, String user, CatalogConnections catalog) throws SQLException {
        QueryCacheConfig c;
        String url;
        String dbUser;
        try {
            c = config();
            DatabaseMetaData meta = c.enabled() && c.name() == null ? real.getMetaData() : null;
            url = meta == null ? null : meta.getURL();
            dbUser = user != null ? user : meta == null ? null : meta.getUserName();
        } catch (SQLException | RuntimeException e) {
            real.close();
            throw e;
        }
        Connection wrapped = Connections.wrap(real, c, url, dbUser, catalog);
        if (c.enabled()) {
            lastCacheName = Connections.cacheName(c, url, dbUser);
        }
        return wrapped;
    }

    private QueryCacheConfig config() throws SQLException {
        QueryCacheConfig c = config;
        if (c == null) {
            synchronized (this) {
                c = QueryCacheConfig.resolve(properties).config();
                config = c;
            }
        }
        return c;
    }

    private DataSource target() throws SQLException {
        DataSource ds = dataSource;
        if (ds == null) {
            throw new SQLException("QueryCacheDataSource has no target DataSource: call setDataSource first",
                    SqlState.UNABLE_TO_CONNECT.code());
        }
        return ds;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("io.querycache");
    }

    /**
     * {@code QueryCache.class} gives the cache (before the first connection has named it, one connection is opened
     * and closed to name it); other types reach the target DataSource.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface == QueryCache.class) {
            QueryCache cache = cache();
            if (cache == null) {
                try (Connection connection = getConnection()) {
                    return iface.cast(connection.unwrap(QueryCache.class));
                }
            }
            return iface.cast(cache);
        }
        return iface.isInstance(this) ? iface.cast(this) : target().unwrap(iface);
    }

    /** For {@code QueryCache.class}: true unless querycache is disabled ({@code querycache.enabled=false}). */
    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        if (iface == QueryCache.class) {
            return config().enabled();
        }
        return iface != null && (iface.isInstance(this) || target().isWrapperFor(iface));
    }

    private QueryCache cache() throws SQLException {
        QueryCacheConfig c = config();
        String name = c.name() != null ? c.name() : lastCacheName;
        return name == null ? null : QueryCacheDriver.cache(name);
    }
}
