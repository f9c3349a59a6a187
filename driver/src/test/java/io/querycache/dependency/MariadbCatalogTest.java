package io.querycache.dependency;

import java.util.ArrayList;
import java.util.List;

import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MariadbCatalog against the real server. */
@Tag("integration")
class MariadbCatalogTest {

    private static final ServerDatabase MARIA = ServerDatabase.MARIADB;
    private final String s = ServerDatabase.unique("");
    private final List<String> drops = new ArrayList<>();
    private final Catalog catalog = Catalogs.forUrl(MARIA.directUrl(), MARIA::direct);

    private String name(String prefix) {
        return "qcdep_" + prefix + s;
    }

    /** Runs the statements; the drop statements (separated by "; ") run after the test, each on its own. */
    private void create(String drop, String... sql) throws Exception {
        drops.addAll(0, List.of(drop.split("; ")));
        MARIA.execute(sql);
    }

    @AfterEach
    void drop() {
        MARIA.dropQuietly(drops.toArray(new String[0]));
    }

    @Test
    void foreignKeyActions() throws Exception {
        String parent = name("parent");
        String cascade = name("cascade");
        String setNull = name("setnull");
        String restrict = name("restrict");
        create("DROP TABLE IF EXISTS " + cascade + ", " + setNull + ", " + restrict + ", " + parent,
                "CREATE TABLE " + parent + " (id int PRIMARY KEY)",
                "CREATE TABLE " + cascade + " (id int, p int, FOREIGN KEY (p) REFERENCES " + parent + " (id) ON DELETE CASCADE)",
                "CREATE TABLE " + setNull + " (id int, p int, FOREIGN KEY (p) REFERENCES " + parent + " (id) ON UPDATE SET NULL)",
                "CREATE TABLE " + restrict + " (id int, p int, FOREIGN KEY (p) REFERENCES " + parent + " (id))");
        TableFacts facts = catalog.table(parent);
        assertThat(facts.changes()).containsExactlyInAnyOrder(cascade, setNull);
        assertThat(facts.referencingTables()).containsExactlyInAnyOrder(cascade, setNull, restrict);
        assertThat(facts.triggerWritesUnknown()).isFalse();
        assertThat(catalog.table(name("missing"))).isSameAs(TableFacts.NONE);
    }

    @Test
    void viewsBothWays() throws Exception {
        String users = name("users");
        String active = name("active");
        String fn = name("fn");
        String priced = name("priced");
        create("DROP VIEW IF EXISTS " + priced + ", " + active + "; DROP TABLE IF EXISTS " + users
                        + "; DROP FUNCTION IF EXISTS " + fn,
                "CREATE TABLE " + users + " (id int PRIMARY KEY, active boolean)",
                "CREATE VIEW " + active + " AS SELECT id FROM " + users + " WHERE active",
                "CREATE FUNCTION " + fn + "(i int) RETURNS int DETERMINISTIC RETURN i",
                "CREATE VIEW " + priced + " AS SELECT " + fn + "(id) AS p FROM " + active);
        assertThat(catalog.table(users).changes()).containsExactly(active);
        TableFacts view = catalog.table(active);
        assertThat(view.isView()).isTrue();
        assertThat(view.viewBaseTables()).containsExactly(users);
        assertThat(view.changes()).containsExactlyInAnyOrder(users, priced);
        TableFacts top = catalog.table(priced);
        assertThat(top.viewBaseTables()).containsExactly(active);
        assertThat(top.viewCalls()).containsExactly(fn);
    }

    @Test
    void triggers() throws Exception {
        String orders = name("orders");
        String audit = name("audit");
        String logged = name("logged");
        String proc = name("proc");
        create("DROP TABLE IF EXISTS " + orders + ", " + audit + ", " + logged + "; DROP PROCEDURE IF EXISTS " + proc,
                "CREATE TABLE " + orders + " (id int)",
                "CREATE TABLE " + audit + " (id int, op varchar(10))",
                "CREATE TABLE " + logged + " (id int)",
                "CREATE TRIGGER t_" + orders + " AFTER INSERT ON " + orders
                        + " FOR EACH ROW INSERT INTO " + audit + " (id, op) VALUES (NEW.id, 'it\\'s')",
                "CREATE PROCEDURE " + proc + "(i int) BEGIN DELETE FROM " + audit + " WHERE id = i; END",
                "CREATE TRIGGER t_" + logged + " AFTER INSERT ON " + logged + " FOR EACH ROW CALL " + proc + "(NEW.id)");
        TableFacts facts = catalog.table(orders);
        assertThat(facts.changes()).containsExactly(audit);
        assertThat(facts.triggerWritesUnknown()).isFalse();
        assertThat(catalog.table(logged).triggerWritesUnknown()).isTrue(); // calls a user routine
    }

    @Test
    void routinesMayAlwaysWrite() throws Exception {
        String t = name("counted");
        String reader = name("reader");
        String writer = name("writer");
        String dynamic = name("dyn");
        create("DROP TABLE IF EXISTS " + t + "; DROP FUNCTION IF EXISTS " + reader + "; DROP PROCEDURE IF EXISTS "
                        + writer + "; DROP PROCEDURE IF EXISTS " + dynamic,
                "CREATE TABLE " + t + " (n int)",
                "CREATE FUNCTION " + reader + "() RETURNS int READS SQL DATA RETURN (SELECT count(*) FROM " + t + ")",
                "CREATE PROCEDURE " + writer + "() MODIFIES SQL DATA UPDATE " + t + " SET n = n + 1",
                "CREATE PROCEDURE " + dynamic + "(q text) BEGIN PREPARE s FROM q; EXECUTE s; END");
        RoutineFacts r = catalog.routine(reader);
        assertThat(r.mayWrite()).isTrue();
        assertThat(r.writes()).isEmpty();
        RoutineFacts w = catalog.routine(writer);
        assertThat(w.writesUnknown()).isFalse();
        assertThat(w.writes()).containsExactly(t);
        assertThat(catalog.routine(dynamic).writesUnknown()).isTrue();
        assertThat(catalog.routine("now")).isNull();
    }
}
