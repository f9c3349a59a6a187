package io.querycache.dependency;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MariaDB's and MySQL's information_schema: REFERENTIAL_CONSTRAINTS (DELETE_RULE, UPDATE_RULE), VIEW_TABLE_USAGE
 * where it exists (MySQL 8) else VIEWS.VIEW_DEFINITION read conservatively (every name it mentions), TRIGGERS
 * (ACTION_STATEMENT read the same way; triggers are visible only with the TRIGGER privilege, so without it the
 * writes are unknown), ROUTINES. Every routine may write: declared characteristics are not enforced.
 */
final class MariadbCatalog implements Catalog {

    private static final String USER_SCHEMA = " NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";

    private final CatalogConnections connections;

    MariadbCatalog(CatalogConnections connections) {
        this.connections = connections;
    }

    @Override
    public TableFacts table(String name) throws SQLException {
        try (Connection c = connections.open()) {
            List<String[]> relations = CatalogRows.rows(c, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE"
                    + " FROM information_schema.TABLES WHERE lower(TABLE_NAME) = ? AND TABLE_SCHEMA" + USER_SCHEMA, name);
            if (relations.isEmpty()) {
                return TableFacts.NONE;
            }
            TableFacts.Builder facts = TableFacts.builder();
            for (String[] row : CatalogRows.rows(c, "SELECT TABLE_NAME, DELETE_RULE, UPDATE_RULE"
                    + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE lower(REFERENCED_TABLE_NAME) = ?"
                    + " AND CONSTRAINT_SCHEMA" + USER_SCHEMA, name)) {
                facts.referencingTables(row[0]);
                if (changesChild(row[1]) || changesChild(row[2])) {
                    facts.changes(row[0]);
                }
            }
            boolean viewTableUsage = hasViewTableUsage(c);
            facts.changes(viewsReading(c, name, viewTableUsage));
            for (String[] relation : relations) {
                if ("VIEW".equals(relation[2])) {
                    view(c, relation[0], relation[1], viewTableUsage, facts);
                }
                triggers(c, relation[0], relation[1], facts);
            }
            return facts.build();
        }
    }

    private static boolean changesChild(String rule) {
        return "CASCADE".equals(rule) || "SET NULL".equals(rule) || "SET DEFAULT".equals(rule);
    }

    private static boolean hasViewTableUsage(Connection c) throws SQLException {
        return !CatalogRows.column(c, "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'VIEW_TABLE_USAGE'").isEmpty();
    }

    /** The views that may read the name; a view whose definition this user cannot see may read anything. */
    private static Set<String> viewsReading(Connection c, String name, boolean viewTableUsage) throws SQLException {
        Set<String> views = new LinkedHashSet<>();
        if (viewTableUsage) {
            views.addAll(CatalogRows.column(c, "SELECT VIEW_NAME FROM information_schema.VIEW_TABLE_USAGE"
                    + " WHERE lower(TABLE_NAME) = ? AND VIEW_SCHEMA" + USER_SCHEMA, name));
        }
        for (String[] view : CatalogRows.rows(c, "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS"
                + " WHERE TABLE_SCHEMA" + USER_SCHEMA)) {
            if (view[1] == null || view[1].isBlank() || (!viewTableUsage && SqlBody.mariadb(view[1]).names().contains(name))) {
                views.add(view[0]);
            }
        }
        return views;
    }

    private static void view(Connection c, String schema, String view, boolean viewTableUsage, TableFacts.Builder facts)
            throws SQLException {
        List<String> definition = CatalogRows.column(c, "SELECT VIEW_DEFINITION FROM information_schema.VIEWS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, view);
        if (definition.isEmpty() || definition.get(0) == null || definition.get(0).isBlank()) {
            facts.viewOfUnknownTables(); // no SHOW VIEW privilege
            return;
        }
        SqlBody body = SqlBody.mariadb(definition.get(0));
        if (viewTableUsage) {
            facts.viewOf(CatalogRows.column(c, "SELECT TABLE_NAME FROM information_schema.VIEW_TABLE_USAGE"
                    + " WHERE VIEW_SCHEMA = ? AND VIEW_NAME = ?", schema, view));
        } else {
            facts.viewOf(existing(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA"
                    + USER_SCHEMA + " AND lower(TABLE_NAME) IN ", body.names()));
        }
        facts.viewCalls(userRoutines(c, body.calls()));
    }

    private static void triggers(Connection c, String schema, String table, TableFacts.Builder facts)
            throws SQLException {
        if (!mayListTriggers(c, schema, table)) {
            facts.triggerWritesUnknown();
            return;
        }
        for (String statement : CatalogRows.column(c, "SELECT ACTION_STATEMENT FROM information_schema.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?", schema, table)) {
            Set<String> writes = readableWrites(c, statement);
            if (writes == null) {
                facts.triggerWritesUnknown();
            } else {
                facts.changes(writes);
            }
        }
    }

    /** information_schema.TRIGGERS lists only the triggers of tables this user holds TRIGGER on. */
    private static boolean mayListTriggers(Connection c, String schema, String table) throws SQLException {
        return !CatalogRows.column(c, "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES"
                + " WHERE PRIVILEGE_TYPE = 'TRIGGER' AND GRANTEE = " + CURRENT_GRANTEE
                + " UNION ALL SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES"
                + " WHERE PRIVILEGE_TYPE = 'TRIGGER' AND GRANTEE = " + CURRENT_GRANTEE + " AND TABLE_SCHEMA = ?"
                + " UNION ALL SELECT PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES"
                + " WHERE PRIVILEGE_TYPE = 'TRIGGER' AND GRANTEE = " + CURRENT_GRANTEE
                + " AND TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, schema, table).isEmpty();
    }

    /** 'user'@'host' as information_schema spells the grantee of this session's account. */
    private static final String CURRENT_GRANTEE =
            "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";

    @Override
    public RoutineFacts routine(String name) throws SQLException {
        try (Connection c = connections.open()) {
            List<String[]> routines = CatalogRows.rows(c, "SELECT ROUTINE_DEFINITION FROM information_schema.ROUTINES"
                    + " WHERE lower(ROUTINE_NAME) = ? AND ROUTINE_SCHEMA" + USER_SCHEMA, name);
            if (routines.isEmpty()) {
                return null;
            }
            Set<String> writes = new LinkedHashSet<>();
            for (String[] routine : routines) {
                Set<String> body = readableWrites(c, routine[0]);
                if (body == null) {
                    return RoutineFacts.writesUnknownTables();
                }
                writes.addAll(body);
            }
            return RoutineFacts.writing(writes);
        }
    }

    /** What a body writes, or null when it cannot be bounded (unreadable, dynamic SQL, a call of a user routine). */
    private static Set<String> readableWrites(Connection c, String source) throws SQLException {
        if (source == null || source.isBlank()) {
            return null;
        }
        SqlBody body = SqlBody.mariadb(source);
        if (body.writesUnknown() || !userRoutines(c, body.calls()).isEmpty()) {
            return null;
        }
        return body.writes();
    }

    private static List<String> userRoutines(Connection c, Set<String> calls) throws SQLException {
        return existing(c, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA" + USER_SCHEMA
                + " AND lower(ROUTINE_NAME) IN ", calls);
    }

    /** The names the query (ending in "IN ") finds among these. */
    private static List<String> existing(Connection c, String queryEndingInIn, Set<String> names) throws SQLException {
        if (names.isEmpty()) {
            return new ArrayList<>();
        }
        return CatalogRows.column(c, queryEndingInIn + "(" + CatalogRows.placeholders(names.size()) + ")",
                names.toArray());
    }
}
