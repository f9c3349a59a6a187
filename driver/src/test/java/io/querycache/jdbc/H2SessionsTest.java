package io.querycache.jdbc;

import io.querycache.QueryCache;
import io.querycache.cache.ConnectionState;
import io.querycache.guarantees.ConsistencyChecker;
import io.querycache.guarantees.ConsistencyChecker.WriterControl;
import io.querycache.testing.H2Database;
import io.querycache.testing.SessionDifferential;
import io.querycache.testing.SessionDifferential.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static io.querycache.testing.SessionDifferential.sql;
import static org.assertj.core.api.Assertions.assertThat;

/** Session and transaction forms on H2: a differential against a raw connection, and the connection state. */
class H2SessionsTest {

    private static final H2Database DB = new H2Database("sessions");

    static {
        try {
            DB.execute("CREATE TABLE items(name VARCHAR(20))", "INSERT INTO items VALUES ('public')",
                    "CREATE SCHEMA a", "CREATE TABLE a.items(name VARCHAR(20))", "INSERT INTO a.items VALUES ('a')",
                    "CREATE SCHEMA b", "CREATE TABLE b.items(name VARCHAR(20))", "INSERT INTO b.items VALUES ('b')",
                    "CREATE TABLE b.only_b(name VARCHAR(20))", "INSERT INTO b.only_b VALUES ('only b')",
                    "CREATE TABLE counter(id INT PRIMARY KEY, v BIGINT NOT NULL)", "INSERT INTO counter VALUES (1, 0)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> forms() {
        String items = "/*cache:items*/ SELECT name FROM items";
        return Stream.of(
                Arguments.of("setSchema", (Change) c -> c.setSchema("A"), items),
                Arguments.of("SET SCHEMA", sql("SET SCHEMA B"), items),
                Arguments.of("setSchema then SET SCHEMA", (Change) c -> {
                    c.setSchema("A");
                    sql("SET SCHEMA B").apply(c);
                }, items),
                Arguments.of("SET SCHEMA then setSchema", (Change) c -> {
                    sql("SET SCHEMA B").apply(c);
                    c.setSchema("A");
                }, items),
                Arguments.of("SET SCHEMA_SEARCH_PATH", sql("SET SCHEMA_SEARCH_PATH B, PUBLIC"),
                        "/*cache:onlyb*/ SELECT name FROM only_b"),
                Arguments.of("LOCAL TEMPORARY TABLE", sql("CREATE LOCAL TEMPORARY TABLE mine(name VARCHAR(20))",
                        "INSERT INTO mine VALUES ('mine')"), "/*cache:mine*/ SELECT name FROM mine"));
    }

    @ParameterizedTest(name = "H2 {0}")
    @MethodSource("forms")
    void sessionsSeeTheirOwnRows(String form, Change change, String query) throws SQLException {
        List<List<String>> r = SessionDifferential.run(DB::cached, DB::direct, change, query);
        for (int i = 0; i < r.size(); i += 3) {
            assertThat(r.get(i)).isEqualTo(r.get(i + 2));
            assertThat(r.get(i + 1)).isEqualTo(r.get(i + 2));
        }
    }

    @ParameterizedTest(name = "H2 {0}")
    @CsvSource(delimiter = '|', value = {
            "SET AUTOCOMMIT FALSE|true|true|false",
            "SET AUTOCOMMIT FALSE; UPDATE counter SET v = v WHERE id = 1|true|false|false",
            "SET AUTOCOMMIT FALSE; UPDATE counter SET v = v WHERE id = 1; COMMIT|true|true|false",
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED|false|false|true",
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ|false|true|false",
            "BEGIN|true|true|false",
            "BEGIN; UPDATE counter SET v = v WHERE id = 1|true|false|false",
            "BEGIN; UPDATE counter SET v = v WHERE id = 1; ROLLBACK|false|true|false",
    })
    void transactionForms(String statements, boolean inTransaction, boolean mayStore, boolean dirty)
            throws SQLException {
        try (Connection c = DB.cached(); Statement s = c.createStatement()) {
            for (String q : statements.split(";")) {
                s.execute(q.trim());
            }
            ConnectionState state = StateProbe.of(c);
            assertThat(state.transaction().inTransaction() + "|" + state.transaction().mayStore() + "|"
                    + state.transaction().readUncommitted()).isEqualTo(inTransaction + "|" + mayStore + "|" + dirty);
            s.execute("ROLLBACK");
        }
    }

    @Test
    void readUncommittedServesCommittedHitsAndStoresNothing() throws SQLException {
        String read = "/*cache:ru*/ SELECT v FROM counter WHERE id = 1";
        try (Connection committed = DB.cached(); Connection dirty = DB.cached()) {
            SessionDifferential.rows(committed, read);
            long entries = committed.unwrap(QueryCache.class).stats().entries();
            try (Statement s = dirty.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
            }
            long hits = dirty.unwrap(QueryCache.class).stats().hits();
            SessionDifferential.rows(dirty, read);
            assertThat(dirty.unwrap(QueryCache.class).stats().hits()).as("a committed hit").isEqualTo(hits + 1);
            SessionDifferential.rows(dirty, "/*cache:ru2*/ SELECT v + 1 FROM counter WHERE id = 1");
            assertThat(dirty.unwrap(QueryCache.class).stats().entries()).as("nothing stored").isEqualTo(entries);
        }
    }

    @Test
    void g2WithBeginAndCommitSentAsSql() throws Exception {
        H2Database db = new H2Database("sqlcontrol");
        db.execute("CREATE TABLE counter(id INT PRIMARY KEY, v BIGINT NOT NULL)", "INSERT INTO counter VALUES (1, 0)");
        ConsistencyChecker.Result result = ConsistencyChecker.run(db::cached, "counter", 1000, 3, false, true, -1,
                WriterControl.SQL_BEGIN);
        assertThat(result.violations).isEmpty();
    }
}
