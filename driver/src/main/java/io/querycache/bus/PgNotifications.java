package io.querycache.bus;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * pgjdbc's {@code PGConnection.getNotifications(timeoutMillis)}, reached by reflection so that the driver does not
 * need pgjdbc to compile or load.
 */
final class PgNotifications {

    private final Object pgConnection;
    private final Method poll;
    private final Method name;
    private final Method parameter;

    PgNotifications(Connection connection) throws SQLException {
        try {
            ClassLoader loader = connection.getClass().getClassLoader();
            Class<?> pg = Class.forName("org.postgresql.PGConnection", false, loader);
            Class<?> notification = Class.forName("org.postgresql.PGNotification", false, loader);
            pgConnection = connection.unwrap(pg);
            poll = pg.getMethod("getNotifications", int.class);
            name = notification.getMethod("getName");
            parameter = notification.getMethod("getParameter");
        } catch (ReflectiveOperationException e) {
            throw new SQLException("querycache.bus=postgres needs pgjdbc (org.postgresql:postgresql): " + e, e);
        }
    }

    /** The payloads of the notifications on {@code channel} that arrive within the timeout (maybe none). */
    List<String> poll(String channel, int timeoutMillis) throws SQLException {
        List<String> payloads = new ArrayList<>();
        try {
            Object[] arrived = (Object[]) poll.invoke(pgConnection, timeoutMillis);
            if (arrived != null) {
                for (Object n : arrived) {
                    if (channel.equals(name.invoke(n))) {
                        payloads.add((String) parameter.invoke(n));
                    }
                }
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof SQLException ? (SQLException) cause : new SQLException(cause);
        } catch (ReflectiveOperationException e) {
            throw new SQLException(e);
        }
        return payloads;
    }
}
