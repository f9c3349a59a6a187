package io.querycache.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A test driver for {@code jdbc:stub:<h2 url rest>} that records what reached it and counts every call made
 * on the connections and statements it hands out (they are H2's, behind a counting proxy).
 * {@code jdbc:stub:fail} throws {@link #FAILURE} from connect.
 */
public final class StubDriver implements Driver {

    public static final SQLException FAILURE = new SQLException("stub refuses", "08004");
    public static final StubDriver INSTANCE = new StubDriver();

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static volatile String lastUrl;
    private static volatile Properties lastProperties;

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Makes sure the driver is registered. */
    public static void register() {
        // the static initializer did it
    }

    public static void reset() {
        CALLS.clear();
        lastUrl = null;
        lastProperties = null;
    }

    /** How often a method of that name was called, e.g. "connect", "executeQuery", "prepareStatement". */
    public static int calls(String method) {
        AtomicInteger n = CALLS.get(method);
        return n == null ? 0 : n.get();
    }

    public static String lastUrl() {
        return lastUrl;
    }

    public static Properties lastProperties() {
        return lastProperties;
    }

    private static void count(String method) {
        CALLS.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        count("connect");
        lastUrl = url;
        lastProperties = info == null ? null : (Properties) info.clone();
        if (url.equals("jdbc:stub:fail")) {
            throw FAILURE;
        }
        Connection h2 = DriverManager.getConnection("jdbc:h2:" + url.substring("jdbc:stub:".length()), "sa", "");
        return counting(Connection.class, h2);
    }

    @SuppressWarnings("unchecked")
    private static <T> T counting(Class<T> type, Object target) {
        InvocationHandler handler = (proxy, method, args) -> {
            count(method.getName());
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> returned = method.getReturnType();
            if (result != null && returned.isInterface() && Statement.class.isAssignableFrom(returned)) {
                return counting(returned, result);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith("jdbc:stub:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        count("getPropertyInfo");
        lastUrl = url;
        lastProperties = info == null ? null : (Properties) info.clone();
        return new DriverPropertyInfo[] {new DriverPropertyInfo("stubOption", "x")};
    }

    @Override public int getMajorVersion() { return 1; }

    @Override public int getMinorVersion() { return 0; }

    @Override public boolean jdbcCompliant() { return false; }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
