package io.querycache.integration;

import io.querycache.cache.ConnectionState;
import io.querycache.guarantees.ConsistencyChecker;
import io.querycache.guarantees.ConsistencyChecker.WriterControl;
import io.querycache.jdbc.StateProbe;
import io.querycache.testing.ServerDatabase;
import io.querycache.testing.SessionDifferential;
import io.querycache.testing.SessionDifferential.Change;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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

/**
 * Sessions and transactions controlled by SQL on PostgreSQL and MariaDB: a differential against a raw
 * connection for every session form that changes data (a row each), and the connection state after every
 * transaction form.
 */
@Tag("integration")
class ServerSessionsTest {

    private static final String S = ServerDatabase.unique("qc").toLowerCase();
    private static final String PG_CACHE = ServerDatabase.unique("pgsessions");
    private static final String MARIA_CACHE = ServerDatabase.unique("mariasessions");
    private static final ServerDatabase PG = ServerDatabase.POSTGRES;
    private static final ServerDatabase MARIA = ServerDatabase.MARIADB;

    @BeforeAll
    static void createTenants() throws SQLException {
        PG.execute("CREATE TABLE public." + S + " (name text)", "INSERT INTO public." + S + " VALUES ('public')",
                "CREATE SCHEMA " + S + "_a", "CREATE TABLE " + S + "_a." + S + " (name text)",
                "INSERT INTO " + S + "_a." + S + " VALUES ('a')",
                "CREATE SCHEMA " + S + "_b", "CREATE TABLE " + S + "_b." + S + " (name text)",
                "INSERT INTO " + S + "_b." + S + " VALUES ('b')",
                "CREATE TABLE " + S + "_rls (tenant text, name text)",
                "INSERT INTO " + S + "_rls VALUES ('" + S + "_ra', 'row of a'), ('" + S + "_rb', 'row of b')",
                "ALTER TABLE " + S + "_rls ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY by_role ON " + S + "_rls USING (tenant = current_user"
                        + " OR tenant = current_setting('app.tenant', true))",
                "CREATE ROLE " + S + "_ra", "CREATE ROLE " + S + "_rb", "CREATE ROLE " + S + "_app",
                "GRANT SELECT ON " + S + "_rls TO " + S + "_ra, " + S + "_rb, " + S + "_app",
                "GRANT USAGE ON SCHEMA " + S + "_a, " + S + "_b TO " + S + "_ra, " + S + "_rb, " + S + "_app",
                "CREATE TABLE " + S + "_counter (id int primary key, v bigint not null)",
                "INSERT INTO " + S + "_counter VALUES (1, 0)");
        MARIA.execute("CREATE TABLE " + S + " (name varchar(20))", "INSERT INTO " + S + " VALUES ('test')",
                "CREATE DATABASE " + S + "_a", "CREATE TABLE " + S + "_a." + S + " (name varchar(20))",
                "INSERT INTO " + S + "_a." + S + " VALUES ('a')",
                "CREATE TABLE " + S + "_counter (id int primary key, v bigint not null)",
                "INSERT INTO " + S + "_counter VALUES (1, 0)",
                "CREATE TABLE " + S + "_tenant (tenant varchar(20), name varchar(20))",
                "INSERT INTO " + S + "_tenant VALUES ('a', 'row of a'), ('b', 'row of b')");
    }

    @AfterAll
    static void drop() {
        PG.dropQuietly("DROP TABLE public." + S, "DROP SCHEMA " + S + "_a CASCADE", "DROP SCHEMA " + S + "_b CASCADE",
                "DROP TABLE " + S + "_rls", "DROP TABLE " + S + "_counter",
                "DROP ROLE " + S + "_ra", "DROP ROLE " + S + "_rb", "DROP ROLE " + S + "_app");
        MARIA.dropQuietly("DROP TABLE " + S, "DROP DATABASE " + S + "_a", "DROP TABLE " + S + "_counter",
                "DROP TABLE " + S + "_tenant");
    }

    static Stream<Arguments> postgresForms() {
        String t = "/*cache:t*/ SELECT name FROM " + S + " ORDER BY name";
        String rls = "/*cache:rls*/ SELECT name FROM " + S + "_rls ORDER BY name";
        return Stream.of(
                Arguments.of("setSchema", (Change) c -> c.setSchema(S + "_a"), t),
                Arguments.of("SET search_path TO", sql("SET search_path TO " + S + "_b, public"), t),
                Arguments.of("SET search_path =", sql("SET search_path = " + S + "_a"), t),
                Arguments.of("SET SCHEMA", sql("SET SCHEMA '" + S + "_b'"), t),
                Arguments.of("set_config(search_path)", sql("SELECT set_config('search_path', '" + S + "_a', false)"), t),
                Arguments.of("SET SESSION search_path", sql("SET SESSION search_path = " + S + "_b"), t),
                Arguments.of("BEGIN; SET search_path; COMMIT", sql("BEGIN", "SET search_path = " + S + "_a", "COMMIT"), t),
                Arguments.of("BEGIN; SET search_path; ROLLBACK", sql("BEGIN", "SET search_path = " + S + "_a", "ROLLBACK"), t),
                Arguments.of("SET search_path; RESET ALL", sql("SET search_path = " + S + "_a", "RESET ALL"), t),
                Arguments.of("SET search_path; DISCARD ALL", sql("SET search_path = " + S + "_b", "DISCARD ALL"), t),
                Arguments.of("temporary table shadows", sql("CREATE TEMP TABLE " + S + " (name text)",
                        "INSERT INTO " + S + " VALUES ('temporary')"), t),
                Arguments.of("SET ROLE a (RLS)", sql("SET ROLE " + S + "_ra"), rls),
                Arguments.of("SET ROLE b (RLS)", sql("SET ROLE " + S + "_rb"), rls),
                Arguments.of("SET SESSION AUTHORIZATION (RLS)", sql("SET SESSION AUTHORIZATION " + S + "_ra"), rls),
                Arguments.of("SET ROLE; RESET ROLE", sql("SET ROLE " + S + "_ra", "RESET ROLE"), rls),
                Arguments.of("SET app.tenant a (RLS)", sql("SET ROLE " + S + "_app", "SET app.tenant = '" + S + "_ra'"), rls),
                Arguments.of("SET app.tenant b (RLS)", sql("SET ROLE " + S + "_app", "SET app.tenant = '" + S + "_rb'"), rls),
                Arguments.of("set_config(app.tenant)", sql("SET ROLE " + S + "_app",
                        "SELECT set_config('app.tenant', '" + S + "_rb', false)"), rls),
                Arguments.of("set_config of an expression", sql("SET ROLE " + S + "_app",
                        "SELECT set_config('app.tenant', current_user || '', false)"), rls));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("postgresForms")
    void postgresSessionsSeeTheirOwnRows(String form, Change change, String query) throws SQLException {
        assertSameAsRaw(SessionDifferential.run(() -> PG.cached(PG_CACHE), PG::direct, change, query));
    }

    /** Rows in threes: the cached read (miss or hit), the hit, and the raw read. */
    private static void assertSameAsRaw(List<List<String>> r) {
        for (int i = 0; i < r.size(); i += 3) {
            assertThat(r.get(i)).as("miss or hit").isEqualTo(r.get(i + 2));
            assertThat(r.get(i + 1)).as("hit").isEqualTo(r.get(i + 2));
        }
    }

    static Stream<Arguments> mariadbForms() {
        String t = "/*cache:t*/ SELECT name FROM " + S + " ORDER BY name";
        String tenant = "/*cache:tenant*/ SELECT name FROM " + S + "_tenant WHERE tenant = @tenant ORDER BY name";
        return Stream.of(
                Arguments.of("USE", sql("USE " + S + "_a"), t),
                Arguments.of("setCatalog", (Change) c -> c.setCatalog(S + "_a"), t),
                Arguments.of("temporary table shadows", sql("CREATE TEMPORARY TABLE " + S + " (name varchar(20))",
                        "INSERT INTO " + S + " VALUES ('temporary')"), t),
                Arguments.of("SET @tenant a", sql("SET @tenant = 'a'"), tenant),
                Arguments.of("SET @tenant b", sql("SET @tenant = 'b'"), tenant),
                Arguments.of("SET @tenant expression", sql("SET @tenant = CONCAT('', 'b')"), tenant),
                Arguments.of("SET @tenant, sql_mode", sql("SET @tenant = 'a', sql_mode = ''"), tenant));
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @MethodSource("mariadbForms")
    void mariadbSessionsSeeTheirOwnRows(String form, Change change, String query) throws SQLException {
        assertSameAsRaw(SessionDifferential.run(() -> MARIA.cached(MARIA_CACHE), MARIA::direct, change, query));
    }

    /** in a transaction | may store | reads uncommitted, after the statements (separated by ;). */
    private static String stateAfter(ServerDatabase db, String statements) throws SQLException {
        try (Connection c = db.cached(ServerDatabase.unique("state")); Statement s = c.createStatement()) {
            for (String q : statements.split(";")) {
                s.execute(q.trim().replace("%T", S + "_counter").replace("{", "'"));
            }
            ConnectionState state = StateProbe.of(c);
            String result = state.transaction().inTransaction() + "|" + state.transaction().mayStore() + "|"
                    + state.transaction().readUncommitted();
            if (state.transaction().inTransaction() && !state.transaction().inXa()) {
                s.execute("ROLLBACK");
            } // an XA transaction left open is rolled back when the connection closes
            return result;
        }
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @CsvSource(delimiter = '|', value = {
            "SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED|false|false|true",
            "SET tx_isolation = {READ-UNCOMMITTED{|false|false|true",
            "SET @@session.tx_isolation = {READ-UNCOMMITTED{|false|false|true",
            "SET @l = {READ-UNCOMMITTED{; SET SESSION tx_isolation = @l|false|false|true",
            "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED|false|false|true",
            "SET autocommit=0|true|true|false",
            "SET @@session.autocommit=0; UPDATE %T SET v = v WHERE id = 1|true|false|false",
            "SET @@autocommit=0; SELECT 1|true|true|false",
            "SET @a = 0; SET autocommit = @a|true|true|false",
            "BEGIN WORK|true|true|false",
            "START TRANSACTION READ ONLY|true|true|false",
            "START TRANSACTION WITH CONSISTENT SNAPSHOT|true|true|false",
            "BEGIN; UPDATE %T SET v = v WHERE id = 1; COMMIT AND CHAIN|true|true|false",
            "BEGIN; COMMIT AND CHAIN; UPDATE %T SET v = v WHERE id = 1|true|false|false",
            "BEGIN; ROLLBACK AND CHAIN|true|true|false",
            "BEGIN; COMMIT|false|true|false",
            "XA START {qcx1{|true|true|false",
            "XA START {qcx2{; UPDATE %T SET v = v WHERE id = 1|true|false|false",
            "XA START {qcx3{; UPDATE %T SET v = v WHERE id = 1; XA END {qcx3{|true|false|false",
            "XA START {qcx4{; UPDATE %T SET v = v WHERE id = 1; XA END {qcx4{; XA PREPARE {qcx4{; XA COMMIT {qcx4{|false|true|false",
            "XA START {qcx5{; UPDATE %T SET v = v WHERE id = 1; XA END {qcx5{; XA ROLLBACK {qcx5{|false|true|false",
            "XA START {qcx6{; XA END {qcx6{; XA COMMIT {qcx6{ ONE PHASE|false|true|false",
    })
    void mariadbTransactionForms(String statements, boolean inTransaction, boolean mayStore, boolean dirty)
            throws SQLException {
        assertThat(stateAfter(MARIA, statements)).isEqualTo(inTransaction + "|" + mayStore + "|" + dirty);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @CsvSource(delimiter = '|', value = {
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED|false|false|true",
            "SET default_transaction_isolation = {read uncommitted{|false|false|true",
            "BEGIN; SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED|true|false|true",
            "BEGIN ISOLATION LEVEL READ UNCOMMITTED|true|false|true",
            "BEGIN; SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED; COMMIT|false|true|false",
            "BEGIN WORK|true|true|false",
            "START TRANSACTION READ ONLY|true|true|false",
            "BEGIN; UPDATE %T SET v = v WHERE id = 1|true|false|false",
            "BEGIN; UPDATE %T SET v = v WHERE id = 1; COMMIT AND CHAIN|true|true|false",
            "BEGIN; COMMIT AND CHAIN; UPDATE %T SET v = v WHERE id = 1|true|false|false",
            "BEGIN; ROLLBACK AND CHAIN|true|true|false",
            "BEGIN; UPDATE %T SET v = v WHERE id = 1; END|false|true|false",
            "BEGIN; SAVEPOINT s; UPDATE %T SET v = v WHERE id = 1; ROLLBACK TO SAVEPOINT s|true|false|false",
            "BEGIN; SAVEPOINT s; RELEASE SAVEPOINT s|true|true|false",
    })
    void postgresTransactionForms(String statements, boolean inTransaction, boolean mayStore, boolean dirty)
            throws SQLException {
        assertThat(stateAfter(PG, statements)).isEqualTo(inTransaction + "|" + mayStore + "|" + dirty);
    }

    /** The snapshot of a REPEATABLE READ transaction opened by a metadata call before its first hinted read. */
    @Test
    void repeatableReadSnapshotOpenedByMetadataIsNotStored() throws SQLException {
        for (ServerDatabase db : List.of(PG, MARIA)) {
            String cache = ServerDatabase.unique("rr");
            String read = "/*cache:rr*/ SELECT v FROM " + S + "_counter WHERE id = 1";
            try (Connection reader = db.cached(cache); Connection writer = db.cached(cache);
                 Connection third = db.cached(cache)) {
                long before = Long.parseLong(SessionDifferential.rows(writer, "SELECT v FROM " + S + "_counter").get(0));
                reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                reader.setAutoCommit(false);
                try (Statement s = reader.createStatement()) {
                    // Opens the snapshot (PostgreSQL: any statement; MariaDB: the first read of InnoDB data).
                    s.executeQuery("SELECT v FROM " + S + "_counter WHERE id = 1").close();
                }
                reader.getMetaData().getTables(null, null, S + "_counter", null).close();
                try (Statement w = writer.createStatement()) {
                    w.executeUpdate("/*cache:rr*/ UPDATE " + S + "_counter SET v = v + 1 WHERE id = 1");
                }
                assertThat(SessionDifferential.rows(reader, read)).as(db.directUrl() + ": the old snapshot")
                        .containsExactly(String.valueOf(before));
                reader.rollback();
                assertThat(SessionDifferential.rows(third, read)).as("not the reader's stale snapshot")
                        .containsExactly(String.valueOf(before + 1));
            }
        }
    }

    @Test
    void mariadbConsistentSnapshotIsNotStoredStale() throws SQLException {
        String cache = ServerDatabase.unique("snapshot");
        String read = "/*cache:snap*/ SELECT v FROM " + S + "_counter WHERE id = 1";
        try (Connection reader = MARIA.cached(cache); Connection writer = MARIA.cached(cache);
             Statement r = reader.createStatement(); Statement w = writer.createStatement()) {
            long before = Long.parseLong(SessionDifferential.rows(writer, "SELECT v FROM " + S + "_counter").get(0));
            r.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            w.executeUpdate("/*cache:snap*/ UPDATE " + S + "_counter SET v = v + 1 WHERE id = 1");
            assertThat(SessionDifferential.rows(reader, read)).containsExactly(String.valueOf(before));
            r.execute("COMMIT");
            assertThat(SessionDifferential.rows(writer, read)).containsExactly(String.valueOf(before + 1));
        }
    }

    /** querycache.autoInvalidate=false and an untagged write: the writing transaction stores nothing. */
    @Test
    void untaggedWriteWithoutAutoInvalidateStoresNothing() throws SQLException {
        for (ServerDatabase db : List.of(PG, MARIA)) {
            String cache = ServerDatabase.unique("noauto");
            String read = "/*cache:noauto*/ SELECT v FROM " + S + "_counter WHERE id = 1";
            try (Connection writer = db.cached(cache, "querycache.autoInvalidate", "false");
                 Connection other = db.cached(cache, "querycache.autoInvalidate", "false");
                 Statement w = writer.createStatement()) {
                w.execute("BEGIN");
                w.executeUpdate("UPDATE " + S + "_counter SET v = -1 WHERE id = 1");
                assertThat(SessionDifferential.rows(writer, read)).containsExactly("-1");
                assertThat(SessionDifferential.rows(other, read)).as(db.directUrl() + ": G2").doesNotContain("-1");
                w.execute("ROLLBACK");
            }
        }
    }

    @Test
    void g2WithTransactionsControlledBySql() throws Exception {
        for (Object[] run : new Object[][] {{PG, WriterControl.SQL_BEGIN}, {MARIA, WriterControl.SQL_BEGIN},
                {MARIA, WriterControl.SQL_AUTOCOMMIT_OFF}}) {
            ServerDatabase db = (ServerDatabase) run[0];
            String table = ServerDatabase.unique("qc_sqlctl");
            String cache = ServerDatabase.unique("sqlctl");
            db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v BIGINT NOT NULL)",
                    "INSERT INTO " + table + " VALUES (1, 0)");
            try {
                ConsistencyChecker.Result result = ConsistencyChecker.run(() -> db.cached(cache), table, 300, 3,
                        true, true, -1, (WriterControl) run[1]);
                assertThat(result.violations).as(db.directUrl() + " " + run[1]).isEmpty();
            } finally {
                db.dropQuietly("DROP TABLE " + table);
            }
        }
    }
}
