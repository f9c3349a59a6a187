package io.querycache.snapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A capture that fails never leaks the live result set: it is closed, or handed on (positioned on the row the
 * snapshot could not hold) when the driver merely cannot read a value.
 */
class CaptureFailureTest {

    private Connection h2;
    private Statement statement;

    @BeforeEach
    void open() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:", "sa", "");
        statement = h2.createStatement();
    }

    @AfterEach
    void close() throws SQLException {
        h2.close();
    }

    /** H2's result set of 5 rows, with {@code failure} deciding (method, row) whether a call throws instead. */
    private ResultSet failing(BiFunction<String, Integer, Throwable> failure) throws SQLException {
        ResultSet real = statement.executeQuery("SELECT X FROM SYSTEM_RANGE(1, 5)");
        return (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    Throwable t = failure.apply(method.getName(), real.isClosed() ? 0 : real.getRow());
                    if (t != null) {
                        throw t;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aFailingNextClosesTheLiveResultSet() throws SQLException {
        ResultSet live = failing((method, row) -> method.equals("next") && row == 3
                ? new SQLException("connection lost", "08006") : null);
        assertThatThrownBy(() -> SnapshotCapture.capture(live, 100, 1 << 20)).hasMessageContaining("connection lost");
        assertThat(live.isClosed()).isTrue();
    }

    @Test
    void aDriverBugClosesTheLiveResultSet() throws SQLException {
        ResultSet live = failing((method, row) -> method.equals("getObject") && row == 2
                ? new IllegalStateException("driver bug") : null);
        assertThatThrownBy(() -> SnapshotCapture.capture(live, 100, 1 << 20)).hasMessageContaining("driver bug");
        assertThat(live.isClosed()).isTrue();
    }

    @Test
    void aValueTheDriverCannotReadIsLeftToTheLiveResultSet() throws SQLException {
        ResultSet live = failing((method, row) -> method.equals("getObject") && row == 3
                ? new SQLException("Bad value for type double : 1,234.56", "22003") : null);
        Capture capture = SnapshotCapture.capture(live, 100, 1 << 20);
        assertThat(capture.snapshot()).isNull();
        assertThat(capture.stoppedOnUnsafeValue()).isTrue();
        assertThat(capture.readSoFar().rowCount()).isEqualTo(2);
        assertThat(live.isClosed()).isFalse();
        assertThat(capture.live().getRow()).as("standing on the row not captured").isEqualTo(3);
    }
}
