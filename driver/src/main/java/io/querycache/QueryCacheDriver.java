package io.querycache;

import io.querycache.cache.CacheRegistry;
import io.querycache.config.ConfigProperty;
import io.querycache.config.JdbcUrls;
import io.querycache.config.QueryCacheConfig;
import io.querycache.config.UrlSettings;
import io.querycache.error.SqlState;
import io.querycache.jdbc.Connections;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The querycache JDBC driver: accepts {@code jdbc:querycache:<rest>} and delegates to the driver that accepts
 * {@code jdbc:<rest>}, found through {@link DriverManager}. {@code querycache.*} settings written in the URL, in
 * the real driver's own syntax, are read and removed before the real driver sees it (docs/configuration.md). Registered through
 * {@code META-INF/services/java.sql.Driver}; can also be named explicitly (HikariCP {@code driverClassName}).
 */
public final class QueryCacheDriver implements Driver {

    private static final Logger LOG = Logger.getLogger("io.querycache");
    private static final int[] VERSION = version();
    /** The instance registered with DriverManager, which {@link #shutdown()} deregisters. */
    private static final QueryCacheDriver REGISTERED = new QueryCacheDriver();

    static {
        CacheView.bind();
        try {
            DriverManager.registerDriver(REGISTERED);
        } catch (SQLException e) {
            LOG.severe("querycache: could not register the driver with DriverManager: " + e.getMessage());
        }
    }

    /** Returns null for URLs that are not {@code jdbc:querycache:...}, as the JDBC contract asks. */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        UrlSettings split = UrlSettings.split(JdbcUrls.target(url));
        String target = split.url();
        QueryCacheConfig.Resolved resolved = QueryCacheConfig.resolve(info, split.settings());
        Driver real = realDriver(url, target);
        Connection connection = real.connect(target, resolved.forDriver());
        if (connection == null) {
            throw new SQLException("The driver " + real.getClass().getName() + " did not accept "
                    + JdbcUrls.redact(target) + " (from " + JdbcUrls.redact(url) + ")",
                    SqlState.UNABLE_TO_CONNECT.code());
        }
        String user = resolved.forDriver().getProperty("user");
        Properties forDriver = resolved.forDriver();
        return Connections.wrap(connection, resolved.config(), target, user != null ? user : JdbcUrls.userIn(target),
                new io.querycache.feed.TargetConnections(real, target, forDriver));
    }

    private static Driver realDriver(String url, String target) throws SQLException {
        try {
            return DriverManager.getDriver(target);
        } catch (SQLException e) {
            throw new SQLException("No JDBC driver accepts " + JdbcUrls.redact(target) + " (from "
                    + JdbcUrls.redact(url) + "): put the real driver on the class path, for example"
                    + " org.postgresql:postgresql or org.mariadb.jdbc:mariadb-java-client",
                    SqlState.UNABLE_TO_CONNECT.code(), e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return JdbcUrls.accepts(url);
    }

    /** The real driver's properties, followed by querycache's own. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return new DriverPropertyInfo[0];
        }
        UrlSettings split = UrlSettings.split(JdbcUrls.target(url));
        String target = split.url();
        QueryCacheConfig.Resolved resolved = QueryCacheConfig.resolve(info, split.settings());
        DriverPropertyInfo[] real = realDriver(url, target).getPropertyInfo(target, resolved.forDriver());
        ConfigProperty[] ours = ConfigProperty.values();
        DriverPropertyInfo[] all = new DriverPropertyInfo[real.length + ours.length];
        System.arraycopy(real, 0, all, 0, real.length);
        for (int i = 0; i < ours.length; i++) {
            DriverPropertyInfo p = new DriverPropertyInfo(ours[i].key(),
                    info == null ? null : info.getProperty(ours[i].key(), ours[i].defaultValue()));
            p.description = ours[i].description() + " (" + ours[i].acceptedForm() + ", default "
                    + (ours[i].defaultValue().isEmpty() ? "none" : ours[i].defaultValue()) + ")";
            all[real.length + i] = p;
        }
        return all;
    }

    @Override
    public int getMajorVersion() {
        return VERSION[0];
    }

    @Override
    public int getMinorVersion() {
        return VERSION[1];
    }

    /** False: a proxy cannot promise full compliance of whatever driver it delegates to. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return LOG;
    }

    /** The open cache of that name ({@link QueryCache#name()}), or null when no connection has created it. */
    public static QueryCache cache(String name) {
        return CacheView.of(CacheRegistry.find(name));
    }

    /**
     * For an application that brought the driver in its own class loader (a web application's
     * {@code WEB-INF/lib}), on undeploy: closes every cache of this copy of the driver ({@link QueryCache#close()})
     * and deregisters it from {@link DriverManager}, which otherwise keeps it, and through it the application's
     * class loader, for as long as the JVM runs. Connections still open pass through; new ones through
     * DriverManager no longer find the driver. Deregister the real driver too if the application brought it.
     */
    public static void shutdown() {
        CacheRegistry.closeAll();
        try {
            DriverManager.deregisterDriver(REGISTERED);
        } catch (SQLException e) {
            LOG.warning("querycache: could not deregister the driver from DriverManager: " + e.getMessage());
        }
    }

    private static int[] version() {
        Properties p = new Properties();
        try (InputStream in = QueryCacheDriver.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.fine("querycache: no version.properties: " + e);
        }
        String[] parts = p.getProperty("version", "0.0").split("[.-]");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
    }
}
