package io.querycache.snapshot;

import io.querycache.error.SqlState;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A getter's refusal, recorded from the live driver: its kind, message, SQLState and vendor code, without the
 * exception object (whose stack trace would cost kilobytes per cell). Each call on a cached result throws a
 * fresh exception of the same kind.
 */
final class Refusal {

    private final Class<? extends Throwable> kind;
    private final String message;
    private final String sqlState;
    private final int vendorCode;

    private Refusal(Class<? extends Throwable> kind, String message, String sqlState, int vendorCode) {
        this.kind = kind;
        this.message = message;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
    }

    static Refusal of(Throwable t) {
        if (t instanceof SQLFeatureNotSupportedException) {
            SQLException e = (SQLException) t;
            return new Refusal(SQLFeatureNotSupportedException.class, e.getMessage(), e.getSQLState(),
                    e.getErrorCode());
        }
        if (t instanceof SQLException) {
            SQLException e = (SQLException) t;
            return new Refusal(SQLException.class, e.getMessage(), e.getSQLState(), e.getErrorCode());
        }
        if (t instanceof RuntimeException) {
            // Some drivers throw unchecked exceptions for impossible conversions: the same class is rethrown.
            return new Refusal(t.getClass(), t.getMessage(), null, 0);
        }
        return new Refusal(SQLException.class, String.valueOf(t.getMessage()), SqlState.GENERAL_ERROR.code(), 0);
    }

    /** Throws the refusal again, as a new exception. */
    RuntimeException raise() throws SQLException {
        if (kind == SQLFeatureNotSupportedException.class) {
            throw new SQLFeatureNotSupportedException(message, sqlState, vendorCode);
        }
        if (kind == SQLException.class) {
            throw new SQLException(message, sqlState, vendorCode);
        }
        RuntimeException unchecked;
        try {
            unchecked = (RuntimeException) kind.getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unchecked = new IllegalStateException(message);
        }
        throw unchecked;
    }

    long estimatedBytes() {
        return 32 + (message == null ? 0 : 40 + message.length()) + (sqlState == null ? 0 : 48);
    }
}
