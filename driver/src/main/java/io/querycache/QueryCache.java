package io.querycache;

import io.querycache.error.SqlState;
import io.querycache.jdbc.ProxyConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One query-result cache: the entries shared by every connection of a namespace (same target URL and
 * user, or the same {@code querycache.name}).
 *
 * <p>Reach it from a connection, or from any data source whose connections come from querycache (a pool
 * configured with a {@code jdbc:querycache:} URL, a {@link QueryCacheDataSource}, or a pool around one):
 * <pre>{@code
 * QueryCache cache = connection.unwrap(QueryCache.class);
 * QueryCache same = QueryCache.of(hikariDataSource);
 * cache.invalidate("countries");
 * }</pre>
 *
 * <p>Invalidation is immediate and global for the cache: once a call returns, no read that starts
 * afterwards on any connection of this cache is served an entry that depended on what was invalidated.
 * These calls are not transactional; a hinted write does the transactional equivalent.
 *
 * <p>A cache lives until {@link #close()}, not until its last connection closes: connection pools open and close
 * connections all the time, and each would otherwise start from an empty cache.
 */
public interface QueryCache extends AutoCloseable {

    /**
     * The cache behind a data source. When the data source itself unwraps to it ({@link QueryCacheDataSource}, or a
     * pool whose target is one) that answer is taken; otherwise one connection is borrowed, unwrapped to the cache
     * through the pool's own proxy, and returned. So this works with HikariCP configured by URL
     * ({@code jdbcUrl=jdbc:querycache:...}), where {@code HikariDataSource.unwrap(QueryCache.class)} cannot.
     *
     * <p>Call it once and keep the cache: it is the same object for every connection of its name, and lives until
     * {@link #close()}.
     *
     * @throws SQLException when the data source's connections do not come from querycache (the message names the
     *                      data source and connection classes), when querycache is disabled on them
     *                      ({@code querycache.enabled=false}), or when no connection can be had
     */
    static QueryCache of(DataSource dataSource) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        boolean direct;
        try {
            direct = dataSource.isWrapperFor(QueryCache.class);
        } catch (SQLFeatureNotSupportedException e) {
            direct = false;
        }
        if (direct) {
            return dataSource.unwrap(QueryCache.class);
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isWrapperFor(ProxyConnection.class)) {
                return connection.unwrap(QueryCache.class);
            }
            throw new SQLException("QueryCache.of: " + dataSource.getClass().getName() + " does not give querycache"
                    + " connections (it gave a " + connection.getClass().getName() + "): configure it with a"
                    + " jdbc:querycache:... URL, or wrap its target in a QueryCacheDataSource",
                    SqlState.NOT_SUPPORTED.code());
        }
    }

    /** The cache's name: {@code querycache.name}, or the target URL without credentials plus the user. */
    String name();

    /** Invalidates every entry whose hint names one of these keys (case-sensitive). */
    void invalidate(String... keys);

    /** Invalidates every entry whose query reads one of these tables (case-insensitive, schema ignored). */
    void invalidateTables(String... tables);

    /** Invalidates every entry. */
    void invalidateAll();

    /** A consistent snapshot of the cache's counters. */
    QueryCacheStats stats();

    /**
     * Counters of each hinted statement (SQL text) this cache tracks, most used (hits plus misses) first: which
     * hints pay off and which only hold memory. At most 256 statements are tracked; a statement seen for the first
     * time when that many are takes the place of the least used one.
     */
    List<StatementStats> statementStats();

    /**
     * Releases this cache: drops its entries, unregisters its JMX MBean, removes it from the driver's caches and
     * lets go of its dependency graph. Connections still open on it go on as pure pass-through: hints are
     * ignored, nothing is served from memory or stored, not even by a load that was in flight. The next
     * connection of the same name creates a fresh cache. Calling it again does nothing.
     *
     * <p>On a closed cache, {@code invalidate...} do nothing and {@link #stats()} gives the last counters.
     */
    @Override
    void close();
}
