package io.querycache.sql;

import io.querycache.sql.SqlAnalysis.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The role the analyzer gives a text, what it invalidates, and its memos (the classifier's own rows are elsewhere). */
class SqlAnalyzerTest {

    private final SqlAnalyzer analyzer = SqlAnalyzer.of(Dialect.POSTGRESQL, true);

    /**
     * SQL | role | tables it invalidates ("*": every table; the functions a write calls are the dependency graph's
     * business) | whether it carries a session command.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM t|PASS_THROUGH||false",
            "WITH x AS (SELECT 1) SELECT * FROM x|PASS_THROUGH||false",
            "/*cache:k*/ SELECT * FROM t|CACHEABLE_QUERY||false",
            "SELECT * FROM t FOR UPDATE|PASS_THROUGH||false",
            "/*cache:k*/ SELECT * FROM t FOR UPDATE|UNCACHEABLE_READ||false",
            "SELECT my_fn(1) FROM t FOR UPDATE|WRITE||false",
            "WITH d AS (DELETE FROM q RETURNING *) SELECT * FROM d|WRITE|q|false",
            "SELECT * INTO new_t FROM t|PASS_THROUGH||false", // unhinted SELECT: never parsed
            "SELECT * FROM FINAL TABLE (UPDATE t SET a = 1)|WRITE|*|false",
            "SELECT my_fn(1) FROM t|WRITE||false", // what my_fn writes: the dependency graph's answer
            "DECLARE c CURSOR FOR SELECT 1|PASS_THROUGH||false",
            "DECLARE c CURSOR FOR SELECT my_fn(1)|WRITE||false",
            "SELECT set_config('app.x', 'a', false)|WRITE||true",
            "BEGIN|TRANSACTION||true",
            "SAVE TRANSACTION s1|TRANSACTION||true",
            "UPDATE t SET a = 1|WRITE|t|false",
            "UPDATE t SET a = 1; SET search_path = b|MULTIPLE||true",
            "UPDATE t SET a = 1; DELETE FROM u|MULTIPLE||false",
            "SET search_path = a; SET role = b|MULTIPLE||true",
            "WITH x AS (SELECT 1 AS a) SELECT * FROM x FOR UPDATE|PASS_THROUGH||false"})
    void rolesAndWhatTheyInvalidate(String sql, Role role, String tables, boolean session) {
        SqlAnalysis analysis = analyzer.analyze(sql);
        assertThat(analysis.role()).isEqualTo(role);
        Footprint invalidates = analysis.invalidates();
        if ("*".equals(tables)) {
            assertThat(invalidates.allTables()).isTrue();
        } else {
            assertThat(invalidates.allTables()).isFalse();
            assertThat(new TreeSet<>(Arrays.asList(invalidates.tables())))
                    .isEqualTo(tables == null ? new TreeSet<>() : new TreeSet<>(Arrays.asList(tables.split(" "))));
        }
        if (role == Role.MULTIPLE) {
            assertThat(analysis.sessionCommand() != null).as("if the text fails, its session is unknown")
                    .isEqualTo(session);
        } else {
            assertThat(analysis.sessionCommand() != null).isEqualTo(session);
        }
    }

    @Test
    void withoutAutoInvalidationAFunctionCallIsNoWrite() {
        SqlAnalyzer manual = SqlAnalyzer.of(Dialect.POSTGRESQL, false);
        assertThat(manual.analyze("DECLARE c CURSOR FOR SELECT my_fn(1)").role()).isEqualTo(Role.PASS_THROUGH);
    }

    /** SQL | tables an updatable result set of it writes through ("*": every table). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM a JOIN b ON a.id = b.id|a b",
            "SELECT 1|*",
            "UPDATE t SET a = 1|*",
            "SELECT * FROM t FOR UPDATE|t",
            "SELECT * FROM t WHERE a ~~~ b|*"})
    void tablesRead(String sql, String tables) {
        Footprint read = analyzer.tablesRead(sql);
        if ("*".equals(tables)) {
            assertThat(read.allTables()).isTrue();
        } else {
            assertThat(read.allTables()).isFalse();
            assertThat(new TreeSet<>(Arrays.asList(read.tables()))).isEqualTo(new TreeSet<>(Arrays.asList(tables.split(" "))));
        }
    }

    @Test
    void analysesAreMemoizedPerTextAndKindOfStatement() {
        // A text of its own: the shared analyzer outlives a test (and PIT's runs of the mutants in one JVM).
        String sql = "{call refresh_" + java.util.UUID.randomUUID().toString().replace("-", "") + "(?)}";
        SqlAnalysis call = analyzer.analyzeCall(sql);
        assertThat(call).isNotNull().isSameAs(analyzer.analyzeCall(sql));
        assertThat(call.role()).isEqualTo(Role.WRITE);
        SqlAnalysis statement = analyzer.analyze("SELECT 1");
        assertThat(statement).isSameAs(analyzer.analyze("SELECT 1"));
    }

    @Test
    void analyzersAreSharedUntilForgotten() {
        SqlAnalyzer shared = SqlAnalyzer.of(Dialect.H2, true);
        assertThat(shared).isNotNull().isSameAs(SqlAnalyzer.of(Dialect.H2, true))
                .isNotSameAs(SqlAnalyzer.of(Dialect.H2, false));
        SqlAnalyzer.forgetShared();
        SqlAnalyzer fresh = SqlAnalyzer.of(Dialect.H2, true);
        assertThat(fresh).isNotNull().isNotSameAs(shared);
        assertThat(fresh.analyze("/*cache:k*/ SELECT * FROM t").role()).isEqualTo(Role.CACHEABLE_QUERY);
    }
}
