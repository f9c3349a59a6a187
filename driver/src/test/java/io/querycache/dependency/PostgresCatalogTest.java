package io.querycache.dependency;

import java.util.ArrayList;
import java.util.List;

import io.querycache.config.DeclaredDependencies;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgresCatalog against the real server: each fact it reads, on a schema made for the test. */
@Tag("integration")
class PostgresCatalogTest {

    private static final ServerDatabase PG = ServerDatabase.POSTGRES;
    private final String s = ServerDatabase.unique("");
    private final List<String> drops = new ArrayList<>();
    private final Catalog catalog = Catalogs.forUrl(PG.directUrl(), PG::direct);

    private String name(String prefix) {
        return "qcdep_" + prefix + s;
    }

    /** Runs the statements; the drop statements (separated by "; ") run after the test, each on its own. */
    private void create(String drop, String... sql) throws Exception {
        drops.addAll(0, List.of(drop.split("; ")));
        PG.execute(sql);
    }

    @AfterEach
    void drop() {
        PG.dropQuietly(drops.toArray(new String[0]));
    }

    @Test
    void foreignKeyActions() throws Exception {
        String parent = name("parent");
        String cascade = name("cascade");
        String setNull = name("setnull");
        String setDefault = name("setdefault");
        String restrict = name("restrict");
        create("DROP TABLE IF EXISTS " + parent + ", " + cascade + ", " + setNull + ", " + setDefault + ", " + restrict,
                "CREATE TABLE " + parent + " (id int PRIMARY KEY)",
                "CREATE TABLE " + cascade + " (id int, p int REFERENCES " + parent + " ON DELETE CASCADE)",
                "CREATE TABLE " + setNull + " (id int, p int REFERENCES " + parent + " ON UPDATE SET NULL)",
                "CREATE TABLE " + setDefault + " (id int, p int DEFAULT 0 REFERENCES " + parent + " ON DELETE SET DEFAULT)",
                "CREATE TABLE " + restrict + " (id int, p int REFERENCES " + parent + " ON DELETE RESTRICT)");
        TableFacts facts = catalog.table(parent);
        assertThat(facts.changes()).containsExactlyInAnyOrder(cascade, setNull, setDefault);
        assertThat(facts.referencingTables()).containsExactlyInAnyOrder(cascade, setNull, setDefault, restrict);
        assertThat(facts.triggerWritesUnknown()).isFalse();
        assertThat(catalog.table(restrict).changes()).isEmpty();
        assertThat(catalog.table(name("missing"))).isSameAs(TableFacts.NONE);
    }

    @Test
    void partitionsAndInheritanceBothWays() throws Exception {
        String measures = name("measures");
        String y2024 = name("m2024");
        String cities = name("cities");
        String capitals = name("capitals");
        create("DROP TABLE IF EXISTS " + measures + ", " + cities + " CASCADE",
                "CREATE TABLE " + measures + " (at date, v int) PARTITION BY RANGE (at)",
                "CREATE TABLE " + y2024 + " PARTITION OF " + measures
                        + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE " + cities + " (name text)",
                "CREATE TABLE " + capitals + " (state text) INHERITS (" + cities + ")");
        assertThat(catalog.table(measures).changes()).containsExactly(y2024);
        assertThat(catalog.table(y2024).changes()).containsExactly(measures);
        assertThat(catalog.table(cities).changes()).containsExactly(capitals);
        assertThat(catalog.table(capitals).changes()).containsExactly(cities);
    }

    @Test
    void viewsBothWaysAndFunctionsTheyCall() throws Exception {
        String users = name("users");
        String active = name("active");
        String fn = name("fn");
        String priced = name("priced");
        create("DROP TABLE IF EXISTS " + users + " CASCADE; DROP FUNCTION IF EXISTS " + fn + "(int)",
                "CREATE TABLE " + users + " (id int PRIMARY KEY, active boolean)",
                "CREATE VIEW " + active + " AS SELECT id FROM " + users + " WHERE active",
                "CREATE FUNCTION " + fn + "(i int) RETURNS int LANGUAGE sql STABLE AS 'SELECT i'",
                "CREATE VIEW " + priced + " AS SELECT " + fn + "(id) AS p FROM " + active);
        TableFacts base = catalog.table(users);
        assertThat(base.changes()).containsExactly(active);
        assertThat(base.isView()).isFalse();
        TableFacts view = catalog.table(active);
        assertThat(view.isView()).isTrue();
        assertThat(view.viewBaseTables()).containsExactly(users);
        assertThat(view.changes()).containsExactlyInAnyOrder(users, priced); // updatable: writes reach the base
        TableFacts top = catalog.table(priced);
        assertThat(top.viewBaseTables()).containsExactly(active);
        assertThat(top.viewCalls()).containsExactly(fn);

        DependencyGraph graph = new DependencyGraph(catalog, DeclaredDependencies.none());
        assertThat(graph.ofRead(List.of(priced), List.of()).tables()).contains(priced, active, users, fn);
        assertThat(graph.ofWrite(List.of(users), List.of(), false).tables()).contains(users, active, priced);
    }

    @Test
    void triggerWritingAnotherTableAndOneThatCannotBeRead() throws Exception {
        String orders = name("orders");
        String audit = name("audit");
        String logged = name("logged");
        String auditFn = name("audit_fn");
        String dynamicFn = name("dyn_fn");
        create("DROP TABLE IF EXISTS " + orders + ", " + audit + ", " + logged + "; DROP FUNCTION IF EXISTS "
                        + auditFn + "(), " + dynamicFn + "()",
                "CREATE TABLE " + orders + " (id int)",
                "CREATE TABLE " + audit + " (id int, op text)",
                "CREATE TABLE " + logged + " (id int)",
                "CREATE FUNCTION " + auditFn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n"
                        + "  INSERT INTO public." + audit + "(id, op) VALUES (NEW.id, TG_OP); RETURN NEW; END $$",
                "CREATE TRIGGER t_" + orders + " AFTER INSERT ON " + orders
                        + " FOR EACH ROW EXECUTE FUNCTION " + auditFn + "()",
                "CREATE FUNCTION " + dynamicFn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n"
                        + "  EXECUTE 'DELETE FROM ' || TG_ARGV[0]; RETURN NEW; END $$",
                "CREATE TRIGGER t_" + logged + " AFTER INSERT ON " + logged
                        + " FOR EACH ROW EXECUTE FUNCTION " + dynamicFn + "('x')");
        TableFacts facts = catalog.table(orders);
        assertThat(facts.changes()).containsExactly(audit);
        assertThat(facts.triggerWritesUnknown()).isFalse();
        assertThat(catalog.table(logged).triggerWritesUnknown()).isTrue();
        assertThat(catalog.table(audit).triggerWritesUnknown()).isFalse();
    }

    @Test
    void ruleMakesWritesUnknown() throws Exception {
        String t = name("ruled");
        String other = name("other");
        create("DROP TABLE IF EXISTS " + t + ", " + other,
                "CREATE TABLE " + t + " (id int)", "CREATE TABLE " + other + " (id int)",
                "CREATE RULE r_" + t + " AS ON INSERT TO " + t + " DO ALSO INSERT INTO " + other + " VALUES (NEW.id)");
        assertThat(catalog.table(t).triggerWritesUnknown()).isTrue();
    }

    @Test
    void functionsByVolatility() throws Exception {
        String t = name("counted");
        String immutable = name("imm");
        String stable = name("stab");
        String writer = name("writer");
        String opaque = name("opaque");
        create("DROP TABLE IF EXISTS " + t + "; DROP FUNCTION IF EXISTS " + immutable + "(int), " + stable + "(), "
                        + writer + "(), " + opaque + "(text)",
                "CREATE TABLE " + t + " (n int)",
                "CREATE FUNCTION " + immutable + "(i int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT i + 1'",
                "CREATE FUNCTION " + stable + "() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM " + t + "'",
                "CREATE FUNCTION " + writer + "() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE " + t
                        + " SET n = n + 1; END $$",
                "CREATE FUNCTION " + opaque + "(q text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE q; END $$");
        assertThat(catalog.routine(immutable).mayWrite()).isFalse();
        assertThat(catalog.routine(stable).mayWrite()).isFalse();
        RoutineFacts w = catalog.routine(writer);
        assertThat(w.mayWrite()).isTrue();
        assertThat(w.writesUnknown()).isFalse();
        assertThat(w.writes()).containsExactly(t);
        assertThat(catalog.routine(opaque).writesUnknown()).isTrue();
        assertThat(catalog.routine("now")).isNull();
        assertThat(catalog.routine("lower")).isNull();
    }
}
