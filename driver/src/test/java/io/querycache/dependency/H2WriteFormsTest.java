package io.querycache.dependency;

import io.querycache.testing.WriteDifferential;
import io.querycache.testing.WriteDifferential.Case;
import io.querycache.testing.WriteDifferential.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Stream;

import static io.querycache.testing.WriteDifferential.deleteRow;
import static io.querycache.testing.WriteDifferential.insertRow;
import static io.querycache.testing.WriteDifferential.updateRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11 on H2: a cached read must not go stale when the database changes more than the write names. One row
 * per form in {@link #cases()}; each runs in autocommit and in a committed transaction, and plain-SQL writes also
 * with an unrelated hint (see WriteDifferential). {@code ${p}} is the run's unique prefix. H2 has no
 * multi-statement texts (skipped) and no updatable views.
 *
 * <p>To add a form, add one row: {@code Case.of("name").setup("CREATE TABLE ${p}_x ...", ...)
 * .write("the write" or a Write lambda using WriteDifferential.named("...")).reads("SELECT ... ORDER BY ...")};
 * optionally {@code .behind(raw SQL)} for a change only a conservative fallback can reveal, {@code .with(property,
 * value)} for connection properties, {@code .unhinted()} when a hint may legitimately bound the write.
 */
class H2WriteFormsTest {

    private static final String CHILD = "SELECT id, parent_id FROM ${p}_child ORDER BY id";
    private static final String T = "SELECT id, v FROM ${p}_t ORDER BY id";
    private static final String OTHER = "SELECT id, v FROM ${p}_other ORDER BY id";

    /** parent(0 'default', 1, 2) and child(10->1, 11->1, 20->2), the foreign key with these actions. */
    private static String[] fk(String actions) {
        return new String[] {
                "CREATE TABLE ${p}_parent (id INT PRIMARY KEY, name VARCHAR(20))",
                "CREATE TABLE ${p}_child (id INT PRIMARY KEY, parent_id INT DEFAULT 0,"
                        + " FOREIGN KEY (parent_id) REFERENCES ${p}_parent (id) " + actions + ")",
                "INSERT INTO ${p}_parent VALUES (0, 'default'), (1, 'a'), (2, 'b')",
                "INSERT INTO ${p}_child VALUES (10, 1), (11, 1), (20, 2)"};
    }

    /** t(1, 10), (2, 20) and other(1, 1): a table and an unrelated one. */
    private static final String[] TABLES = {
            "CREATE TABLE ${p}_t (id INT PRIMARY KEY, v INT)",
            "INSERT INTO ${p}_t VALUES (1, 10), (2, 20)",
            "CREATE TABLE ${p}_other (id INT PRIMARY KEY, v INT)",
            "INSERT INTO ${p}_other VALUES (1, 1)"};

    /** orders, orders_audit and a Java trigger that writes the audit table on every insert into orders. */
    private static final String[] TRIGGER = {
            "CREATE TABLE ${p}_orders (id INT PRIMARY KEY, v INT)",
            "CREATE TABLE ${p}_orders_audit (order_id INT)",
            "CREATE TRIGGER ${p}_trg AFTER INSERT ON ${p}_orders FOR EACH ROW CALL 'io.querycache.testing.H2AuditTrigger'"};
    private static final String AUDIT = "SELECT order_id FROM ${p}_orders_audit ORDER BY order_id";

    static Stream<Case> cases() {
        return Stream.of(
                // foreign-key consequences
                Case.of("fk ON DELETE CASCADE").setup(fk("ON DELETE CASCADE"))
                        .write("DELETE FROM ${p}_parent WHERE id = 1").reads(CHILD),
                Case.of("fk ON DELETE SET NULL").setup(fk("ON DELETE SET NULL"))
                        .write("DELETE FROM ${p}_parent WHERE id = 1").reads(CHILD),
                Case.of("fk ON DELETE SET DEFAULT").setup(fk("ON DELETE SET DEFAULT"))
                        .write("DELETE FROM ${p}_parent WHERE id = 1").reads(CHILD),
                Case.of("fk ON UPDATE CASCADE").setup(fk("ON UPDATE CASCADE"))
                        .write("UPDATE ${p}_parent SET id = 5 WHERE id = 1").reads(CHILD),
                Case.of("fk ON UPDATE SET NULL").setup(fk("ON UPDATE SET NULL"))
                        .write("UPDATE ${p}_parent SET id = 5 WHERE id = 1").reads(CHILD),
                Case.of("fk ON UPDATE SET DEFAULT").setup(fk("ON UPDATE SET DEFAULT"))
                        .write("UPDATE ${p}_parent SET id = 5 WHERE id = 1").reads(CHILD),
                Case.of("fk two-level ON DELETE CASCADE grandparent->parent->child")
                        .setup("CREATE TABLE ${p}_gp (id INT PRIMARY KEY)",
                                "CREATE TABLE ${p}_parent (id INT PRIMARY KEY, gp_id INT REFERENCES ${p}_gp (id) ON DELETE CASCADE)",
                                "CREATE TABLE ${p}_child (id INT PRIMARY KEY, parent_id INT REFERENCES ${p}_parent (id) ON DELETE CASCADE)",
                                "INSERT INTO ${p}_gp VALUES (1), (2)", "INSERT INTO ${p}_parent VALUES (1, 1), (2, 2)",
                                "INSERT INTO ${p}_child VALUES (10, 1), (20, 2)")
                        .write("DELETE FROM ${p}_gp WHERE id = 1").reads(CHILD, "SELECT id, gp_id FROM ${p}_parent ORDER BY id"),
                Case.of("fk two-level CASCADE then SET NULL")
                        .setup("CREATE TABLE ${p}_gp (id INT PRIMARY KEY)",
                                "CREATE TABLE ${p}_parent (id INT PRIMARY KEY, gp_id INT REFERENCES ${p}_gp (id) ON DELETE CASCADE)",
                                "CREATE TABLE ${p}_child (id INT PRIMARY KEY, parent_id INT REFERENCES ${p}_parent (id) ON DELETE SET NULL)",
                                "INSERT INTO ${p}_gp VALUES (1), (2)", "INSERT INTO ${p}_parent VALUES (1, 1), (2, 2)",
                                "INSERT INTO ${p}_child VALUES (10, 1), (20, 2)")
                        .write("DELETE FROM ${p}_gp WHERE id = 1").reads(CHILD),
                Case.of("MERGE ... WHEN MATCHED THEN DELETE cascades").setup(fk("ON DELETE CASCADE"))
                        .write("MERGE INTO ${p}_parent p USING (VALUES (1)) s (id) ON p.id = s.id WHEN MATCHED THEN DELETE")
                        .reads(CHILD),
                // DDL
                Case.of("DROP SCHEMA ... CASCADE (the read must throw)")
                        .setup("CREATE SCHEMA ${p}_s", "CREATE TABLE ${p}_s.${p}_t (id INT PRIMARY KEY, v INT)",
                                "INSERT INTO ${p}_s.${p}_t VALUES (1, 10)")
                        .write("DROP SCHEMA ${p}_s CASCADE").reads("SELECT id, v FROM ${p}_s.${p}_t ORDER BY id"),
                Case.of("DROP TABLE ... CASCADE drops a view over it (the read must throw)").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v AS SELECT id, v FROM ${p}_t")
                        .write("DROP TABLE ${p}_t CASCADE").reads("SELECT id, v FROM ${p}_v ORDER BY id"),
                // statements that write although they look like reads
                Case.of("EXPLAIN ANALYZE UPDATE").setup(TABLES)
                        .write("EXPLAIN ANALYZE UPDATE ${p}_t SET v = v + 1").reads(T),
                Case.of("SELECT FROM FINAL TABLE (UPDATE ...)").setup(TABLES)
                        .write("SELECT * FROM FINAL TABLE (UPDATE ${p}_t SET v = v + 1)").unhinted().reads(T),
                // updatable result sets
                Case.of("updatable ResultSet updateRow()").setup(TABLES)
                        .write(updateRow("SELECT id, v FROM ${p}_t WHERE id = 1", "v", 99)).reads(T),
                Case.of("updatable ResultSet insertRow()").setup(TABLES)
                        .write(insertRow("SELECT id, v FROM ${p}_t", "id", 3, "v", 30)).reads(T),
                Case.of("updatable ResultSet deleteRow()").setup(TABLES)
                        .write(deleteRow("SELECT id, v FROM ${p}_t WHERE id = 1")).reads(T),
                // triggers
                Case.of("Java trigger writes a second table").setup(TRIGGER)
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT),
                // views
                Case.of("view over the written table").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v AS SELECT id, v FROM ${p}_t WHERE v > 0")
                        .write("UPDATE ${p}_t SET v = v + 1 WHERE id = 1").reads("SELECT id, v FROM ${p}_v ORDER BY id"),
                Case.of("view over a view over the written table").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v1 AS SELECT id, v FROM ${p}_t WHERE v > 0",
                                "CREATE VIEW ${p}_v2 AS SELECT id, v * 2 AS w FROM ${p}_v1")
                        .write("DELETE FROM ${p}_t WHERE id = 2").reads("SELECT id, w FROM ${p}_v2 ORDER BY id"),
                // functions and procedures
                Case.of("SELECT fn() where fn (Java alias) updates a table").setup(TABLES)
                        .setup("CREATE ALIAS ${p}_bump FOR 'io.querycache.testing.H2Routines.bump'")
                        .write("SELECT ${p}_bump('${p}_t')").unhinted().reads(T),
                Case.of("CALL proc() (Java alias) updates a table").setup(TABLES)
                        .setup("CREATE ALIAS ${p}_bump FOR 'io.querycache.testing.H2Routines.bump'")
                        .write("CALL ${p}_bump('${p}_t')").unhinted().reads(T),
                // conservative fallbacks (SPEC 5.1, 5.2)
                Case.of("fallback: CALL proc() invalidates every table-dependent read").setup(TABLES)
                        .setup("CREATE ALIAS ${p}_bump FOR 'io.querycache.testing.H2Routines.bump'")
                        .behind("UPDATE ${p}_other SET v = 42")
                        .write("CALL ${p}_bump('${p}_t')").unhinted().reads(T, OTHER),
                Case.of("fallback: an unreadable (Java) trigger invalidates every table-dependent read")
                        .setup(TRIGGER).setup(TABLES)
                        .behind("UPDATE ${p}_other SET v = 42")
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT, OTHER),
                // (A read calling an undeclared H2 alias is never stored: the catalog cannot prove the alias does
                // not write. The "depends on every table" fallback is a PostgreSQL row, with a STABLE function.)
                Case.of("declared dependency orders=>orders_audit with a trigger").setup(TRIGGER)
                        .with("querycache.dependencies", "${p}_orders=>${p}_orders_audit")
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT),
                Case.of("declared dependency t=>value_of for a function read").setup(TABLES)
                        .setup("CREATE ALIAS ${p}_value_of FOR 'io.querycache.testing.H2Routines.valueOf'")
                        .with("querycache.dependencies", "${p}_t=>${p}_value_of")
                        .write("UPDATE ${p}_t SET v = 99 WHERE id = 1").reads("SELECT ${p}_value_of('${p}_t', 1)"));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> runs() {
        return WriteDifferential.runs(cases());
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("runs")
    void cachedReadsSeeEveryEffectOfTheWrite(Case c, Mode mode) throws Exception {
        WriteDifferential.run(WriteDifferential.h2(), c, mode);
    }

    // --------------------------------------------------------------------- querycache.dependencies syntax

    private static Connection connect(String dependencies) throws SQLException {
        // A cache of its own per rule set: a cache's dependencies are fixed by the connection that creates it.
        return DriverManager.getConnection("jdbc:querycache:h2:mem:deps_syntax;DB_CLOSE_DELAY=-1",
                properties("deps-syntax-" + dependencies.hashCode(), dependencies));
    }

    private static Properties properties(String cacheName, String dependencies) {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("querycache.name", cacheName);
        p.setProperty("querycache.dependencies", dependencies);
        return p;
    }

    @ParameterizedTest(name = "malformed querycache.dependencies ''{0}'' fails the connection, quoting it")
    @ValueSource(strings = {"orders=>", "=>x", "a=>b=>c"})
    void aMalformedDependencyFailsTheConnection(String value) {
        assertThatThrownBy(() -> connect(value).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("\"" + value + "\"");
    }

    @Test
    void theDependencySyntaxOfTheSpecIsAccepted() {
        assertThatCode(() -> connect("X=>Y,Z; A=>B").close()).doesNotThrowAnyException();
        assertThatCode(() -> connect("orders=>order_audit; prices=>price_of").close()).doesNotThrowAnyException();
    }

    // --------------------------------------------------------------------- narrowing what cannot be seen

    @Test
    void aDeclaredTriggerTargetKeepsUnrelatedEntriesCached() throws SQLException {
        Properties p = properties("deps-narrowed", "");
        String url = "jdbc:querycache:h2:mem:deps_narrowed;DB_CLOSE_DELAY=-1";
        try (Connection setup = DriverManager.getConnection(url, p); java.sql.Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, v INT)");
            s.execute("CREATE TABLE orders_audit (order_id INT)");
            s.execute("CREATE TABLE unrelated (n INT)");
            s.execute("INSERT INTO unrelated VALUES (7)");
            s.execute("CREATE TRIGGER trg AFTER INSERT ON orders FOR EACH ROW CALL 'io.querycache.testing.H2AuditTrigger'");
        }
        for (String declared : new String[] {"", "orders=>orders_audit"}) {
            p.setProperty("querycache.name", "deps-narrowed-" + declared.length());
            p.setProperty("querycache.dependencies", declared);
            try (Connection c = DriverManager.getConnection(url, p); java.sql.Statement s = c.createStatement()) {
                String audit = "/*cache:audit*/ SELECT count(*) FROM orders_audit";
                String other = "/*cache:other*/ SELECT n FROM unrelated";
                long before = count(s, audit);
                count(s, other);
                s.executeUpdate("INSERT INTO orders VALUES (" + (10 + declared.length()) + ", 1)");
                assertThat(count(s, audit)).as("the trigger's write is seen (%s)", declared).isEqualTo(before + 1);
                long hits = c.unwrap(io.querycache.QueryCache.class).stats().hits();
                count(s, other);
                long after = c.unwrap(io.querycache.QueryCache.class).stats().hits();
                assertThat(after - hits).as("the unrelated entry survives only when the trigger is declared (%s)",
                        declared).isEqualTo(declared.isEmpty() ? 0 : 1);
            }
        }
    }

    private static long count(java.sql.Statement s, String sql) throws SQLException {
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
