package io.querycache.dependency;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * H2's INFORMATION_SCHEMA: REFERENTIAL_CONSTRAINTS with TABLE_CONSTRAINTS (DELETE_RULE, UPDATE_RULE), VIEWS
 * (VIEW_DEFINITION read conservatively), TRIGGERS (Java classes, never readable: their writes are unknown),
 * ROUTINES (user aliases; every one may write).
 */
final class H2Catalog implements Catalog {

    private static final String USER_SCHEMA = " <> 'INFORMATION_SCHEMA'";

    private final CatalogConnections connections;

    H2Catalog(CatalogConnections connections) {
        this.connections = connections;
    }

    @Override
    public TableFacts table(String name) throws SQLException {
        try (Connection c = connections.open()) {
            List<String[]> relations = CatalogRows.rows(c, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE"
                    + " FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = ? AND TABLE_SCHEMA" + USER_SCHEMA, name);
            if (relations.isEmpty()) {
                return TableFacts.NONE;
            }
            TableFacts.Builder facts = TableFacts.builder();
            for (String[] row : CatalogRows.rows(c, "SELECT child.TABLE_NAME, rc.DELETE_RULE, rc.UPDATE_RULE"
                    + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc"
                    + " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS child ON child.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
                    + " AND child.CONSTRAINT_NAME = rc.CONSTRAINT_NAME"
                    + " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS parent"
                    + " ON parent.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA"
                    + " AND parent.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME"
                    + " WHERE LOWER(parent.TABLE_NAME) = ?", name)) {
                facts.referencingTables(row[0]);
                if (changesChild(row[1]) || changesChild(row[2])) {
                    facts.changes(row[0]);
                }
            }
            for (String[] view : CatalogRows.rows(c, "SELECT TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
                    + " WHERE TABLE_SCHEMA" + USER_SCHEMA)) {
                if (view[1] == null || SqlBody.postgres(view[1]).names().contains(name)) {
                    facts.changes(view[0]);
                }
            }
            for (String[] relation : relations) {
                if ("VIEW".equals(relation[2])) {
                    view(c, relation[0], relation[1], facts);
                }
            }
            if (!CatalogRows.column(c, "SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS"
                    + " WHERE LOWER(EVENT_OBJECT_TABLE) = ? AND EVENT_OBJECT_SCHEMA" + USER_SCHEMA, name).isEmpty()) {
                facts.triggerWritesUnknown(); // a Java class: its writes cannot be read
            }
            return facts.build();
        }
    }

    private static boolean changesChild(String rule) {
        return "CASCADE".equals(rule) || "SET NULL".equals(rule) || "SET DEFAULT".equals(rule);
    }

    private static void view(Connection c, String schema, String view, TableFacts.Builder facts) throws SQLException {
        List<String> definition = CatalogRows.column(c, "SELECT VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, view);
        if (definition.isEmpty() || definition.get(0) == null) {
            facts.viewOfUnknownTables();
            return;
        }
        SqlBody body = SqlBody.postgres(definition.get(0)); // standard quoting, no backslash escapes
        if (!body.names().isEmpty()) {
            facts.viewOf(CatalogRows.column(c, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA"
                    + USER_SCHEMA + " AND LOWER(TABLE_NAME) IN (" + CatalogRows.placeholders(body.names().size()) + ")",
                    body.names().toArray()));
        }
        if (!body.calls().isEmpty()) {
            facts.viewCalls(CatalogRows.column(c, "SELECT ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES"
                    + " WHERE ROUTINE_SCHEMA" + USER_SCHEMA + " AND LOWER(ROUTINE_NAME) IN ("
                    + CatalogRows.placeholders(body.calls().size()) + ")", body.calls().toArray()));
        }
    }

    @Override
    public RoutineFacts routine(String name) throws SQLException {
        try (Connection c = connections.open()) {
            return CatalogRows.column(c, "SELECT ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES"
                    + " WHERE LOWER(ROUTINE_NAME) = ? AND ROUTINE_SCHEMA" + USER_SCHEMA, name).isEmpty()
                    ? null : RoutineFacts.writesUnknownTables();
        }
    }
}
