package io.querycache.jdbc;

import io.querycache.snapshot.SnapshotResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method of each java.sql interface, default methods and those inherited from Wrapper and
 * AutoCloseable included, is declared by the wrapper's own class hierarchy: nothing falls through to an
 * interface default that would bypass the real driver.
 */
class WrapperCompletenessTest {

    static Stream<Arguments> wrappers() {
        return Stream.of(
                Arguments.of(Connection.class, ProxyConnection.class),
                Arguments.of(Statement.class, ProxyStatement.class),
                Arguments.of(PreparedStatement.class, ProxyPreparedStatement.class),
                Arguments.of(CallableStatement.class, ProxyCallableStatement.class),
                Arguments.of(ResultSet.class, ProxyResultSet.class),
                Arguments.of(DatabaseMetaData.class, ProxyDatabaseMetaData.class),
                Arguments.of(ResultSet.class, SnapshotResultSet.class));
    }

    @ParameterizedTest(name = "{1} declares every method of {0}")
    @MethodSource("wrappers")
    void declaresEveryInterfaceMethod(Class<?> api, Class<?> wrapper) {
        assertThat(api.isAssignableFrom(wrapper)).isTrue();
        assertThat(Modifier.isAbstract(wrapper.getModifiers())).as("concrete").isFalse();
        List<String> missing = new ArrayList<>();
        for (Method m : api.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method declared = declaredInClassHierarchy(wrapper, m);
            if (declared == null || Modifier.isAbstract(declared.getModifiers())) {
                missing.add(m.getName() + Arrays.toString(m.getParameterTypes()));
            }
        }
        assertThat(missing).as("methods of %s not declared by %s", api.getSimpleName(), wrapper.getSimpleName())
                .isEmpty();
    }

    private static Method declaredInClassHierarchy(Class<?> type, Method m) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return null;
    }
}
