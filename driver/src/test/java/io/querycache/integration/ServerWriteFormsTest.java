package io.querycache.integration;

import io.querycache.testing.ServerDatabase;
import io.querycache.testing.WriteDifferential;
import io.querycache.testing.WriteDifferential.Case;
import io.querycache.testing.WriteDifferential.Mode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.querycache.testing.WriteDifferential.deleteRow;
import static io.querycache.testing.WriteDifferential.insertRow;
import static io.querycache.testing.WriteDifferential.updateRow;

/**
 * Issue 11 on the real servers: a cached read must not go stale when the database changes more than the write
 * names. One row per form in {@link #postgres()} and {@link #mariadb()}; each runs in autocommit and in a
 * committed transaction, and plain-SQL writes also with an unrelated hint (see WriteDifferential).
 *
 * <p>To add a form, add one row: {@code Case.of("name").setup("CREATE TABLE ${p}_x ...", ...)
 * .write("the write" or a Write lambda using WriteDifferential.named("...")).reads("SELECT ... ORDER BY ...")};
 * optionally {@code .behind(raw SQL)} for a change only a conservative fallback can reveal, {@code .with(property,
 * value)} for connection properties, {@code .unhinted()} when a hint may legitimately bound the write. {@code ${p}} is the run's unique prefix.
 */
@Tag("integration")
class ServerWriteFormsTest {

    private static final String CHILD = "SELECT id, parent_id FROM ${p}_child ORDER BY id";
    private static final String T = "SELECT id, v FROM ${p}_t ORDER BY id";
    private static final String OTHER = "SELECT id, v FROM ${p}_other ORDER BY id";
    private static final String AUDIT = "SELECT order_id FROM ${p}_orders_audit ORDER BY order_id";

    /** parent(0 'default', 1, 2) and child(10->1, 11->1, 20->2), the foreign key with these actions. */
    private static String[] fk(String actions) {
        return new String[] {
                "CREATE TABLE ${p}_parent (id INT PRIMARY KEY, name VARCHAR(20))",
                "CREATE TABLE ${p}_child (id INT PRIMARY KEY, parent_id INT DEFAULT 0,"
                        + " FOREIGN KEY (parent_id) REFERENCES ${p}_parent (id) " + actions + ")",
                "INSERT INTO ${p}_parent VALUES (0, 'default'), (1, 'a'), (2, 'b')",
                "INSERT INTO ${p}_child VALUES (10, 1), (11, 1), (20, 2)"};
    }

    /** grandparent -> parent -> child, each ON DELETE CASCADE. */
    private static final String[] TWO_LEVELS = {
            "CREATE TABLE ${p}_gp (id INT PRIMARY KEY)",
            "CREATE TABLE ${p}_parent (id INT PRIMARY KEY, gp_id INT, FOREIGN KEY (gp_id) REFERENCES ${p}_gp (id) ON DELETE CASCADE)",
            "CREATE TABLE ${p}_child (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES ${p}_parent (id) ON DELETE CASCADE)",
            "INSERT INTO ${p}_gp VALUES (1), (2)", "INSERT INTO ${p}_parent VALUES (1, 1), (2, 2)",
            "INSERT INTO ${p}_child VALUES (10, 1), (20, 2)"};

    /** t(1, 10), (2, 20) and other(1, 1): a table and an unrelated one. */
    private static final String[] TABLES = {
            "CREATE TABLE ${p}_t (id INT PRIMARY KEY, v INT)",
            "INSERT INTO ${p}_t VALUES (1, 10), (2, 20)",
            "CREATE TABLE ${p}_other (id INT PRIMARY KEY, v INT)",
            "INSERT INTO ${p}_other VALUES (1, 1)"};

    private static final String[] ORDERS = {
            "CREATE TABLE ${p}_orders (id INT PRIMARY KEY, v INT)",
            "CREATE TABLE ${p}_orders_audit (order_id INT)"};

    // ------------------------------------------------------------------------------------------ PostgreSQL

    /** A plpgsql trigger: every insert into orders writes orders_audit. */
    private static final String[] PG_TRIGGER = {
            ORDERS[0], ORDERS[1],
            "CREATE FUNCTION ${p}_audit() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN INSERT INTO ${p}_orders_audit VALUES (NEW.id); RETURN NEW; END $$",
            "CREATE TRIGGER ${p}_trg AFTER INSERT ON ${p}_orders FOR EACH ROW EXECUTE FUNCTION ${p}_audit()"};

    /** A trigger whose body runs dynamic SQL: what it writes cannot be read from the catalog. */
    private static final String[] PG_DYNAMIC_TRIGGER = {
            ORDERS[0], ORDERS[1],
            "CREATE FUNCTION ${p}_audit() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN EXECUTE format('INSERT INTO %I VALUES ($1)', '${p}_orders_audit') USING NEW.id;"
                    + " RETURN NEW; END $$",
            "CREATE TRIGGER ${p}_trg AFTER INSERT ON ${p}_orders FOR EACH ROW EXECUTE FUNCTION ${p}_audit()"};

    /** m partitioned by region into m_eu and m_us. */
    private static final String[] PG_PARTITIONS = {
            "CREATE TABLE ${p}_m (id INT, region TEXT) PARTITION BY LIST (region)",
            "CREATE TABLE ${p}_m_eu PARTITION OF ${p}_m FOR VALUES IN ('eu')",
            "CREATE TABLE ${p}_m_us PARTITION OF ${p}_m FOR VALUES IN ('us')",
            "INSERT INTO ${p}_m VALUES (1, 'eu'), (2, 'us')"};

    /** base and sub INHERITS (base). */
    private static final String[] PG_INHERITANCE = {
            "CREATE TABLE ${p}_base (id INT, v INT)",
            "CREATE TABLE ${p}_sub () INHERITS (${p}_base)",
            "INSERT INTO ${p}_base VALUES (1, 10)", "INSERT INTO ${p}_sub VALUES (2, 20)"};

    private static final String PG_BUMP_FUNCTION = "CREATE FUNCTION ${p}_bump() RETURNS int VOLATILE LANGUAGE plpgsql AS $$"
            + " BEGIN UPDATE ${p}_t SET v = v + 1; RETURN 1; END $$";
    private static final String PG_BUMP_PROCEDURE = "CREATE PROCEDURE ${p}_bump_proc() LANGUAGE plpgsql AS $$"
            + " BEGIN UPDATE ${p}_t SET v = v + 1; END $$";
    private static final String PG_VALUE_OF = "CREATE FUNCTION ${p}_value_of(k int) RETURNS int STABLE LANGUAGE sql AS $$"
            + " SELECT v FROM ${p}_t WHERE id = k $$";

    static Stream<Case> postgres() {
        return Stream.of(
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
                Case.of("fk two-level ON DELETE CASCADE grandparent->parent->child").setup(TWO_LEVELS)
                        .write("DELETE FROM ${p}_gp WHERE id = 1").reads(CHILD, "SELECT id, gp_id FROM ${p}_parent ORDER BY id"),
                Case.of("MERGE ... WHEN MATCHED THEN DELETE cascades").setup(fk("ON DELETE CASCADE"))
                        .write("MERGE INTO ${p}_parent p USING (VALUES (1)) s (id) ON p.id = s.id WHEN MATCHED THEN DELETE")
                        .reads(CHILD),
                Case.of("TRUNCATE ... CASCADE").setup(fk("ON DELETE NO ACTION"))
                        .write("TRUNCATE ${p}_parent CASCADE").reads(CHILD),
                // partitions and inheritance
                Case.of("insert into a partition, partitioned parent cached").setup(PG_PARTITIONS)
                        .write("INSERT INTO ${p}_m_eu VALUES (3, 'eu')").reads("SELECT id, region FROM ${p}_m ORDER BY id"),
                Case.of("insert into the partitioned parent, partition cached").setup(PG_PARTITIONS)
                        .write("INSERT INTO ${p}_m VALUES (3, 'eu')").reads("SELECT id, region FROM ${p}_m_eu ORDER BY id"),
                Case.of("update through the parent moves a row between partitions").setup(PG_PARTITIONS)
                        .write("UPDATE ${p}_m SET region = 'us' WHERE id = 1")
                        .reads("SELECT id FROM ${p}_m_eu ORDER BY id", "SELECT id FROM ${p}_m_us ORDER BY id"),
                Case.of("trigger on a partition writes a second table").setup(PG_PARTITIONS).setup(ORDERS[1])
                        .setup("CREATE FUNCTION ${p}_audit() RETURNS trigger LANGUAGE plpgsql AS $$"
                                        + " BEGIN INSERT INTO ${p}_orders_audit VALUES (NEW.id); RETURN NEW; END $$",
                                "CREATE TRIGGER ${p}_trg AFTER INSERT ON ${p}_m_eu FOR EACH ROW EXECUTE FUNCTION ${p}_audit()")
                        .write("INSERT INTO ${p}_m VALUES (3, 'eu')").reads(AUDIT),
                Case.of("insert into an inheritance child, parent cached").setup(PG_INHERITANCE)
                        .write("INSERT INTO ${p}_sub VALUES (3, 30)").reads("SELECT id, v FROM ${p}_base ORDER BY id"),
                Case.of("update of an inheritance parent, child cached").setup(PG_INHERITANCE)
                        .write("UPDATE ${p}_base SET v = v + 1").reads("SELECT id, v FROM ${p}_sub ORDER BY id"),
                // DDL
                Case.of("DROP SCHEMA ... CASCADE (the read must throw)")
                        .setup("CREATE SCHEMA ${p}_s", "CREATE TABLE ${p}_s.${p}_t (id INT PRIMARY KEY, v INT)",
                                "INSERT INTO ${p}_s.${p}_t VALUES (1, 10)")
                        .write("DROP SCHEMA ${p}_s CASCADE").reads("SELECT id, v FROM ${p}_s.${p}_t ORDER BY id"),
                // statements that execute a write although they look like something else
                Case.of("EXPLAIN (ANALYZE) UPDATE").setup(TABLES)
                        .write("EXPLAIN (ANALYZE) UPDATE ${p}_t SET v = v + 1").reads(T),
                Case.of("EXPLAIN ANALYZE VERBOSE DELETE").setup(TABLES)
                        .write("EXPLAIN ANALYZE VERBOSE DELETE FROM ${p}_t WHERE id = 1").reads(T),
                Case.of("EXPLAIN (ANALYZE, FORMAT JSON) INSERT").setup(TABLES)
                        .write("EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO ${p}_t VALUES (3, 30)").reads(T),
                Case.of("data-modifying CTE WITH x AS (UPDATE ... RETURNING *) SELECT").setup(TABLES)
                        .write("WITH x AS (UPDATE ${p}_t SET v = v + 1 RETURNING *) SELECT * FROM x").unhinted().reads(T),
                Case.of("data-modifying CTE WITH x AS (DELETE ... RETURNING *) INSERT INTO other").setup(TABLES)
                        .write("WITH x AS (DELETE FROM ${p}_t WHERE id = 2 RETURNING id, v) INSERT INTO ${p}_other SELECT id, v FROM x")
                        .reads(T, OTHER),
                Case.of("multi-statement UPDATE ...; COMMIT").setup(TABLES)
                        .write("UPDATE ${p}_t SET v = v + 1; COMMIT").reads(T),
                Case.of("multi-statement INSERT ...; INSERT ...").setup(TABLES)
                        .write("INSERT INTO ${p}_t VALUES (3, 30); INSERT INTO ${p}_other VALUES (2, 2)").reads(T, OTHER),
                Case.of("PREPARE ... AS UPDATE, then EXECUTE").setup(TABLES)
                        .write("PREPARE ${p}_w AS UPDATE ${p}_t SET v = v + 1", "EXECUTE ${p}_w", "DEALLOCATE ${p}_w").unhinted().reads(T),
                // updatable result sets
                Case.of("updatable ResultSet updateRow()").setup(TABLES)
                        .write(updateRow("SELECT id, v FROM ${p}_t WHERE id = 1", "v", 99)).reads(T),
                Case.of("updatable ResultSet insertRow()").setup(TABLES)
                        .write(insertRow("SELECT id, v FROM ${p}_t", "id", 3, "v", 30)).reads(T),
                Case.of("updatable ResultSet deleteRow()").setup(TABLES)
                        .write(deleteRow("SELECT id, v FROM ${p}_t WHERE id = 1")).reads(T),
                // triggers and rules
                Case.of("plpgsql trigger writes a second table").setup(PG_TRIGGER)
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT),
                Case.of("rule ON INSERT DO ALSO writes a second table").setup(ORDERS)
                        .setup("CREATE RULE ${p}_rule AS ON INSERT TO ${p}_orders DO ALSO INSERT INTO ${p}_orders_audit VALUES (NEW.id)")
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT),
                // views
                Case.of("view over the written table").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v AS SELECT id, v FROM ${p}_t WHERE v > 0")
                        .write("UPDATE ${p}_t SET v = v + 1 WHERE id = 1").reads("SELECT id, v FROM ${p}_v ORDER BY id"),
                Case.of("view over a view over the written table").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v1 AS SELECT id, v FROM ${p}_t WHERE v > 0",
                                "CREATE VIEW ${p}_v2 AS SELECT id, v * 2 AS w FROM ${p}_v1")
                        .write("DELETE FROM ${p}_t WHERE id = 2").reads("SELECT id, w FROM ${p}_v2 ORDER BY id"),
                Case.of("write through an updatable view, base table cached").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v AS SELECT id, v FROM ${p}_t")
                        .write("UPDATE ${p}_v SET v = 99 WHERE id = 1").reads(T),
                // functions and procedures
                Case.of("SELECT fn() where fn is a VOLATILE plpgsql function that updates").setup(TABLES).setup(PG_BUMP_FUNCTION)
                        .write("SELECT ${p}_bump()").unhinted().reads(T),
                Case.of("CALL proc() that updates").setup(TABLES).setup(PG_BUMP_PROCEDURE)
                        .write("CALL ${p}_bump_proc()").unhinted().reads(T),
                Case.of("DO block that updates").setup(TABLES)
                        .write("DO $$ BEGIN UPDATE ${p}_t SET v = v + 1; END $$").unhinted().reads(T),
                // conservative fallbacks (SPEC 5.1, 5.2)
                Case.of("fallback: CALL proc() invalidates every table-dependent read").setup(TABLES).setup(PG_BUMP_PROCEDURE)
                        .behind("UPDATE ${p}_other SET v = 42")
                        .write("CALL ${p}_bump_proc()").unhinted().reads(T, OTHER),
                Case.of("fallback: a trigger with dynamic SQL invalidates every table-dependent read")
                        .setup(PG_DYNAMIC_TRIGGER).setup(TABLES)
                        .behind("UPDATE ${p}_other SET v = 42")
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT, OTHER),
                Case.of("fallback: a read calling a user function is re-read after a write to any table")
                        .setup(TABLES).setup(PG_VALUE_OF)
                        .write("UPDATE ${p}_t SET v = 99 WHERE id = 1").reads("SELECT ${p}_value_of(1)"),
                Case.of("declared dependency orders=>orders_audit with a trigger").setup(PG_TRIGGER)
                        .with("querycache.dependencies", "${p}_orders=>${p}_orders_audit")
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT));
    }

    // ------------------------------------------------------------------------------------------ MariaDB

    private static final String[] MARIADB_TRIGGER = {
            ORDERS[0], ORDERS[1],
            "CREATE TRIGGER ${p}_trg AFTER INSERT ON ${p}_orders FOR EACH ROW INSERT INTO ${p}_orders_audit VALUES (NEW.id)"};

    /** customers(1 'a', 2 'b') and their orders. */
    private static final String[] CUSTOMERS = {
            "CREATE TABLE ${p}_customers (id INT PRIMARY KEY, name VARCHAR(20))",
            "CREATE TABLE ${p}_orders (id INT PRIMARY KEY, customer_id INT, v INT)",
            "INSERT INTO ${p}_customers VALUES (1, 'a'), (2, 'b')",
            "INSERT INTO ${p}_orders VALUES (10, 1, 100), (11, 1, 110), (20, 2, 200)"};
    private static final String ORDERS_READ = "SELECT id, customer_id, v FROM ${p}_orders ORDER BY id";

    private static final String MARIADB_BUMP_FUNCTION = "CREATE FUNCTION ${p}_bump() RETURNS INT MODIFIES SQL DATA"
            + " BEGIN UPDATE ${p}_t SET v = v + 1; RETURN 1; END";
    private static final String MARIADB_BUMP_PROCEDURE = "CREATE PROCEDURE ${p}_bump_proc() MODIFIES SQL DATA"
            + " BEGIN UPDATE ${p}_t SET v = v + 1; END";
    private static final String MARIADB_VALUE_OF = "CREATE FUNCTION ${p}_value_of(k INT) RETURNS INT READS SQL DATA"
            + " RETURN (SELECT v FROM ${p}_t WHERE id = k)";

    static Stream<Case> mariadb() {
        return Stream.of(
                Case.of("fk ON DELETE CASCADE").setup(fk("ON DELETE CASCADE"))
                        .write("DELETE FROM ${p}_parent WHERE id = 1").reads(CHILD),
                Case.of("fk ON DELETE SET NULL").setup(fk("ON DELETE SET NULL"))
                        .write("DELETE FROM ${p}_parent WHERE id = 1").reads(CHILD),
                Case.of("fk ON UPDATE CASCADE").setup(fk("ON UPDATE CASCADE"))
                        .write("UPDATE ${p}_parent SET id = 5 WHERE id = 1").reads(CHILD),
                Case.of("fk ON UPDATE SET NULL").setup(fk("ON UPDATE SET NULL"))
                        .write("UPDATE ${p}_parent SET id = 5 WHERE id = 1").reads(CHILD),
                Case.of("fk two-level ON DELETE CASCADE grandparent->parent->child").setup(TWO_LEVELS)
                        .write("DELETE FROM ${p}_gp WHERE id = 1").reads(CHILD, "SELECT id, gp_id FROM ${p}_parent ORDER BY id"),
                Case.of("REPLACE INTO the parent deletes, ON DELETE CASCADE").setup(fk("ON DELETE CASCADE"))
                        .write("REPLACE INTO ${p}_parent VALUES (1, 'again')").reads(CHILD),
                Case.of("INSERT ... ON DUPLICATE KEY UPDATE of the key, ON UPDATE CASCADE").setup(fk("ON UPDATE CASCADE"))
                        .write("INSERT INTO ${p}_parent VALUES (1, 'x') ON DUPLICATE KEY UPDATE id = 5").reads(CHILD),
                // DDL
                Case.of("DROP DATABASE (the read must throw)")
                        .setup("CREATE DATABASE ${p}_db", "CREATE TABLE ${p}_db.${p}_t (id INT PRIMARY KEY, v INT)",
                                "INSERT INTO ${p}_db.${p}_t VALUES (1, 10)")
                        .write("DROP DATABASE ${p}_db").reads("SELECT id, v FROM ${p}_db.${p}_t ORDER BY id"),
                // statements that execute a write although they look like something else
                Case.of("ANALYZE UPDATE").setup(TABLES)
                        .write("ANALYZE UPDATE ${p}_t SET v = v + 1").reads(T),
                Case.of("ANALYZE FORMAT=JSON DELETE").setup(TABLES)
                        .write("ANALYZE FORMAT=JSON DELETE FROM ${p}_t WHERE id = 1").reads(T),
                Case.of("UPDATE inside an executable comment /*! ... */").setup(TABLES)
                        .write("/*! UPDATE ${p}_t SET v = v + 1 */").reads(T),
                Case.of("UPDATE inside a versioned executable comment /*!50001 ... */").setup(TABLES)
                        .write("/*!50001 UPDATE ${p}_t SET v = v + 1 */").reads(T),
                Case.of("UPDATE inside a MariaDB executable comment /*M! ... */").setup(TABLES)
                        .write("/*M! UPDATE ${p}_t SET v = v + 1 */").reads(T),
                Case.of("DELETE inside a versioned MariaDB comment /*M!100100 ... */").setup(TABLES)
                        .write("/*M!100100 DELETE FROM ${p}_t WHERE id = 1 */").reads(T),
                Case.of("multi-table DELETE with aliases").setup(CUSTOMERS)
                        .write("DELETE o FROM ${p}_orders AS o JOIN ${p}_customers AS c ON c.id = o.customer_id WHERE c.name = 'a'")
                        .reads(ORDERS_READ),
                Case.of("multi-table DELETE ... USING with aliases").setup(CUSTOMERS)
                        .write("DELETE FROM o USING ${p}_orders AS o JOIN ${p}_customers AS c ON c.id = o.customer_id WHERE c.name = 'b'")
                        .reads(ORDERS_READ),
                Case.of("multi-table UPDATE with aliases").setup(CUSTOMERS)
                        .write("UPDATE ${p}_customers c JOIN ${p}_orders o ON o.customer_id = c.id SET o.v = o.v + 1 WHERE c.name = 'a'")
                        .reads(ORDERS_READ),
                Case.of("multi-statement UPDATE ...; COMMIT").setup(TABLES).with("allowMultiQueries", "true")
                        .write("UPDATE ${p}_t SET v = v + 1; COMMIT").reads(T),
                Case.of("multi-statement INSERT ...; INSERT ...").setup(TABLES).with("allowMultiQueries", "true")
                        .write("INSERT INTO ${p}_t VALUES (3, 30); INSERT INTO ${p}_other VALUES (2, 2)").reads(T, OTHER),
                // updatable result sets
                Case.of("updatable ResultSet updateRow()").setup(TABLES)
                        .write(updateRow("SELECT id, v FROM ${p}_t WHERE id = 1", "v", 99)).reads(T),
                Case.of("updatable ResultSet insertRow()").setup(TABLES)
                        .write(insertRow("SELECT id, v FROM ${p}_t", "id", 3, "v", 30)).reads(T),
                Case.of("updatable ResultSet deleteRow()").setup(TABLES)
                        .write(deleteRow("SELECT id, v FROM ${p}_t WHERE id = 1")).reads(T),
                // triggers and views
                Case.of("trigger writes a second table").setup(MARIADB_TRIGGER)
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT),
                Case.of("view over the written table").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v AS SELECT id, v FROM ${p}_t WHERE v > 0")
                        .write("UPDATE ${p}_t SET v = v + 1 WHERE id = 1").reads("SELECT id, v FROM ${p}_v ORDER BY id"),
                Case.of("view over a view over the written table").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v1 AS SELECT id, v FROM ${p}_t WHERE v > 0",
                                "CREATE VIEW ${p}_v2 AS SELECT id, v * 2 AS w FROM ${p}_v1")
                        .write("DELETE FROM ${p}_t WHERE id = 2").reads("SELECT id, w FROM ${p}_v2 ORDER BY id"),
                Case.of("write through an updatable view, base table cached").setup(TABLES)
                        .setup("CREATE VIEW ${p}_v AS SELECT id, v FROM ${p}_t")
                        .write("UPDATE ${p}_v SET v = 99 WHERE id = 1").reads(T),
                // functions and procedures
                Case.of("SELECT fn() where fn is a stored function that updates").setup(TABLES).setup(MARIADB_BUMP_FUNCTION)
                        .write("SELECT ${p}_bump()").unhinted().reads(T),
                Case.of("SET @x = fn() where fn updates").setup(TABLES).setup(MARIADB_BUMP_FUNCTION)
                        .write("SET @x = ${p}_bump()").unhinted().reads(T),
                Case.of("DO fn() where fn updates").setup(TABLES).setup(MARIADB_BUMP_FUNCTION)
                        .write("DO ${p}_bump()").unhinted().reads(T),
                Case.of("CALL proc() that updates").setup(TABLES).setup(MARIADB_BUMP_PROCEDURE)
                        .write("CALL ${p}_bump_proc()").unhinted().reads(T),
                // conservative fallbacks (SPEC 5.1, 5.2)
                Case.of("fallback: CALL proc() invalidates every table-dependent read").setup(TABLES).setup(MARIADB_BUMP_PROCEDURE)
                        .behind("UPDATE ${p}_other SET v = 42")
                        .write("CALL ${p}_bump_proc()").unhinted().reads(T, OTHER),
                // (A read calling an undeclared MariaDB function is never stored: MariaDB does not enforce READS SQL
                // DATA, so nothing proves the function does not write. A declared one is cached:)
                Case.of("declared dependency t=>value_of for a function read").setup(TABLES).setup(MARIADB_VALUE_OF)
                        .with("querycache.dependencies", "${p}_t=>${p}_value_of")
                        .write("UPDATE ${p}_t SET v = 99 WHERE id = 1").reads("SELECT ${p}_value_of(1)"),
                Case.of("declared dependency orders=>orders_audit with a trigger").setup(MARIADB_TRIGGER)
                        .with("querycache.dependencies", "${p}_orders=>${p}_orders_audit")
                        .write("INSERT INTO ${p}_orders VALUES (3, 30)").reads(AUDIT));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> postgresRuns() {
        return WriteDifferential.runs(postgres());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> mariadbRuns() {
        return WriteDifferential.runs(mariadb());
    }

    @ParameterizedTest(name = "postgres: {0} [{1}]")
    @MethodSource("postgresRuns")
    void postgres(Case c, Mode mode) throws Exception {
        WriteDifferential.run(WriteDifferential.server(ServerDatabase.POSTGRES), c, mode);
    }

    @ParameterizedTest(name = "mariadb: {0} [{1}]")
    @MethodSource("mariadbRuns")
    void mariadb(Case c, Mode mode) throws Exception {
        WriteDifferential.run(WriteDifferential.server(ServerDatabase.MARIADB), c, mode);
    }
}
