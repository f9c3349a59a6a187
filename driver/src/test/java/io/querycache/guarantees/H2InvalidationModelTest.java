package io.querycache.guarantees;

import io.querycache.guarantees.InvalidationModel.Form;
import io.querycache.guarantees.InvalidationModel.Kind;
import io.querycache.guarantees.InvalidationModel.Step;
import io.querycache.testing.H2Database;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The model-based test of invalidation on H2 (see {@link InvalidationModel}): a fresh database per program. */
class H2InvalidationModelTest {

    static final List<String> SCHEMA = List.of(
            "CREATE TABLE ${p}_a (id INT PRIMARY KEY, v INT)",
            "CREATE TABLE ${p}_b (id INT PRIMARY KEY, a_id INT REFERENCES ${p}_a (id) ON DELETE CASCADE, w INT)",
            "CREATE TABLE ${p}_c (id INT PRIMARY KEY, n INT)",
            "CREATE TABLE ${p}_c_audit (c_id INT)",
            "CREATE VIEW ${p}_v AS SELECT b.id AS b_id, a.id AS a_id, a.v, b.w FROM ${p}_a a JOIN ${p}_b b ON b.a_id = a.id",
            "INSERT INTO ${p}_a VALUES (1, 1), (2, 5), (11, 2), (12, 7), (21, 3)",
            "INSERT INTO ${p}_b VALUES (101, 1, 0), (111, 11, 1), (121, 21, 2)",
            "INSERT INTO ${p}_c VALUES (1, 0), (11, 0), (21, 0)");

    @Property(tries = 50)
    void everyCachedReadEqualsTheRealRead(@ForAll("programs") List<Step> program) throws SQLException {
        run(program);
    }

    @Provide
    Arbitrary<List<Step>> programs() {
        return InvalidationModel.programs(30);
    }

    // Shrunk counterexamples, kept as fixed programs (docs/testing-generated.md, "What it found").

    /** The first one: a hinted FINAL TABLE (UPDATE ...), which the parser cannot read, then named one key only. */
    @Example
    void aQueryThatWritesBeyondTheParserHintedOrNot() throws SQLException {
        run(List.of(write(0, Form.WRITE_IN_QUERY, true), write(1, Form.WRITE_IN_QUERY, false),
                write(2, Form.DIALECT_WRITE, true)));
    }

    /** The same write inside a transaction on one connection, read by the others before and after its commit. */
    @Example
    void aQueryThatWritesBeyondTheParserInATransaction() throws SQLException {
        run(List.of(step(Kind.SET_AUTOCOMMIT, 1, false), write(1, Form.WRITE_IN_QUERY, true),
                step(Kind.SAVEPOINT, 1, false), write(1, Form.DIALECT_WRITE, false),
                step(Kind.ROLLBACK_TO_SAVEPOINT, 1, false), step(Kind.ADVANCE_CLOCK, 0, false),
                step(Kind.COMMIT, 1, false)));
    }

    private static void run(List<Step> program) throws SQLException {
        H2Database db = new H2Database("mb");
        new InvalidationModel(new H2(db), "mb", db.cacheName).run(program);
    }

    private static Step write(int connection, Form form, boolean hinted) {
        return new Step(Kind.WRITE, connection, form, 2, 7, hinted);
    }

    private static Step step(Kind kind, int connection, boolean flag) {
        return new Step(kind, connection, Form.INSERT_A, 2, 7, flag);
    }

    /** H2: a Java trigger (unreadable, so every table) writes MB_C_AUDIT; no updatable views. */
    static final class H2 implements InvalidationModel.Database {
        private final H2Database db;

        H2(H2Database db) {
            this.db = db;
        }

        @Override
        public List<String> schema() {
            List<String> all = new java.util.ArrayList<>(SCHEMA);
            all.add("CREATE TRIGGER ${p}_trg AFTER INSERT, UPDATE ON ${p}_c FOR EACH ROW"
                    + " CALL 'io.querycache.testing.H2AuditTrigger'");
            return all;
        }

        @Override
        public Connection cached(String cacheName) throws SQLException {
            return db.cached();
        }

        @Override
        public Connection real(Connection cached) throws SQLException {
            return cached.unwrap(org.h2.jdbc.JdbcConnection.class);
        }

        @Override
        public String dialectWrite(Form form) {
            return form == Form.WRITE_IN_QUERY ? "SELECT count(*) FROM FINAL TABLE (UPDATE ${p}_a SET v = ? WHERE id = ?)"
                    : "MERGE INTO ${p}_a (v, id) KEY (id) VALUES (?, ?)";
        }

        @Override
        public void direct(List<String> sql) throws SQLException {
            db.execute(sql.toArray(new String[0]));
        }

        @Override
        public List<String> cleanUp() {
            return List.of("DROP ALL OBJECTS");
        }
    }
}
