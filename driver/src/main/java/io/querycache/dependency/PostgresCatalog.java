package io.querycache.dependency;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's catalog: pg_constraint (confdeltype, confupdtype), pg_inherits (partitions and inheritance),
 * pg_depend and pg_rewrite (views), pg_trigger with the trigger function's source from pg_proc (plpgsql and sql
 * bodies are read; other languages, rules and dynamic SQL are unknown), pg_proc.provolatile for routines.
 */
final class PostgresCatalog implements Catalog {

    private static final String USER_SCHEMA =
            "%1$s.nspname NOT IN ('pg_catalog', 'information_schema') AND %1$s.nspname NOT LIKE 'pg\\_toast%%'";

    /** The relations of the name: the CTE every table query starts with. */
    private static final String RELATIONS = "WITH rel AS (SELECT c.oid, c.relkind FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE lower(c.relname) = ?"
            + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + String.format(USER_SCHEMA, "n") + ") ";

    private final CatalogConnections connections;

    PostgresCatalog(CatalogConnections connections) {
        this.connections = connections;
    }

    @Override
    public TableFacts table(String name) throws SQLException {
        try (Connection c = connections.open()) {
            List<String> kinds = CatalogRows.column(c, RELATIONS + "SELECT relkind FROM rel", name);
            if (kinds.isEmpty()) {
                return TableFacts.NONE;
            }
            TableFacts.Builder facts = TableFacts.builder();
            foreignKeys(c, name, facts);
            facts.changes(CatalogRows.column(c, RELATIONS
                    + "SELECT lower(k.relname) FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid"
                    + " WHERE i.inhparent IN (SELECT oid FROM rel)"
                    + " UNION SELECT lower(k.relname) FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhparent"
                    + " WHERE i.inhrelid IN (SELECT oid FROM rel)", name));
            facts.changes(CatalogRows.column(c, RELATIONS
                    + "SELECT DISTINCT lower(v.relname) FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid"
                    + " JOIN pg_class v ON v.oid = r.ev_class WHERE d.classid = 'pg_rewrite'::regclass"
                    + " AND d.refclassid = 'pg_class'::regclass AND d.refobjid IN (SELECT oid FROM rel)"
                    + " AND r.ev_class <> d.refobjid", name));
            if (kinds.contains("v") || kinds.contains("m")) {
                facts.viewOf(CatalogRows.column(c, RELATIONS
                        + "SELECT DISTINCT lower(b.relname) FROM pg_rewrite r JOIN pg_depend d ON d.objid = r.oid"
                        + " AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
                        + " JOIN pg_class b ON b.oid = d.refobjid"
                        + " WHERE r.ev_class IN (SELECT oid FROM rel WHERE relkind IN ('v', 'm'))"
                        + " AND d.refobjid <> r.ev_class", name));
                facts.viewCalls(CatalogRows.column(c, RELATIONS
                        + "SELECT DISTINCT lower(p.proname) FROM pg_rewrite r JOIN pg_depend d ON d.objid = r.oid"
                        + " AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_proc'::regclass"
                        + " JOIN pg_proc p ON p.oid = d.refobjid JOIN pg_namespace pn ON pn.oid = p.pronamespace"
                        + " WHERE r.ev_class IN (SELECT oid FROM rel) AND " + String.format(USER_SCHEMA, "pn"),
                        name));
            }
            if (!CatalogRows.column(c, RELATIONS + "SELECT r.rulename FROM pg_rewrite r"
                    + " WHERE r.ev_class IN (SELECT oid FROM rel) AND r.rulename <> '_RETURN'", name).isEmpty()) {
                facts.triggerWritesUnknown(); // a rule may write anything
            }
            triggers(c, name, facts);
            return facts.build();
        }
    }

    private static void foreignKeys(Connection c, String name, TableFacts.Builder facts) throws SQLException {
        for (String[] row : CatalogRows.rows(c, RELATIONS
                + "SELECT lower(k.relname), con.confdeltype, con.confupdtype FROM pg_constraint con"
                + " JOIN pg_class k ON k.oid = con.conrelid WHERE con.contype = 'f'"
                + " AND con.confrelid IN (SELECT oid FROM rel)", name)) {
            facts.referencingTables(row[0]);
            if (changesChild(row[1]) || changesChild(row[2])) {
                facts.changes(row[0]);
            }
        }
    }

    /** c = CASCADE, n = SET NULL, d = SET DEFAULT; a = NO ACTION and r = RESTRICT change nothing. */
    private static boolean changesChild(String action) {
        return "c".equals(action) || "n".equals(action) || "d".equals(action);
    }

    private static void triggers(Connection c, String name, TableFacts.Builder facts) throws SQLException {
        for (String[] row : CatalogRows.rows(c, RELATIONS
                + "SELECT l.lanname, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
                + " JOIN pg_language l ON l.oid = p.prolang"
                + " WHERE t.tgrelid IN (SELECT oid FROM rel) AND NOT t.tgisinternal", name)) {
            Set<String> writes = readableWrites(c, row[0], row[1]);
            if (writes == null) {
                facts.triggerWritesUnknown();
            } else {
                facts.changes(writes);
            }
        }
    }

    @Override
    public RoutineFacts routine(String name) throws SQLException {
        try (Connection c = connections.open()) {
            List<String[]> overloads = CatalogRows.rows(c, "SELECT p.provolatile, l.lanname, p.prosrc FROM pg_proc p"
                    + " JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang"
                    + " WHERE lower(p.proname) = ? AND " + String.format(USER_SCHEMA, "n"), name);
            if (overloads.isEmpty()) {
                return null;
            }
            Set<String> writes = new LinkedHashSet<>();
            boolean mayWrite = false;
            for (String[] overload : overloads) {
                if (!"v".equals(overload[0])) {
                    continue; // IMMUTABLE and STABLE functions cannot write
                }
                mayWrite = true;
                Set<String> body = readableWrites(c, overload[1], overload[2]);
                if (body == null) {
                    return RoutineFacts.writesUnknownTables();
                }
                writes.addAll(body);
            }
            return mayWrite ? RoutineFacts.writing(writes) : RoutineFacts.readOnly();
        }
    }

    /**
     * The tables a plpgsql or sql body writes, or null when that cannot be bounded: another language, an SQL
     * standard body (empty prosrc), dynamic SQL or PERFORM, or a call of a volatile user routine.
     */
    private static Set<String> readableWrites(Connection c, String language, String source) throws SQLException {
        if (!("plpgsql".equals(language) || "sql".equals(language)) || source == null || source.isBlank()) {
            return null;
        }
        SqlBody body = SqlBody.postgres(source);
        if (body.writesUnknown() || callsVolatileUserRoutine(c, body.calls())) {
            return null;
        }
        return body.writes();
    }

    private static boolean callsVolatileUserRoutine(Connection c, Set<String> calls) throws SQLException {
        if (calls.isEmpty()) {
            return false;
        }
        return !CatalogRows.column(c, "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE p.provolatile = 'v' AND lower(p.proname) IN (" + CatalogRows.placeholders(calls.size())
                + ") AND " + String.format(USER_SCHEMA, "n"), calls.toArray()).isEmpty();
    }
}
