package io.querycache.dependency;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Any other database, through DatabaseMetaData only: getExportedKeys (UPDATE_RULE, DELETE_RULE), getTables of
 * type VIEW (a view may read any table, so a write to a table changes every view, and a read of a view depends
 * on every table), getFunctions/getProcedures. Triggers cannot be seen: every write's trigger writes are unknown.
 */
final class GenericCatalog implements Catalog {

    private final CatalogConnections connections;

    GenericCatalog(CatalogConnections connections) {
        this.connections = connections;
    }

    @Override
    public TableFacts table(String name) throws SQLException {
        try (Connection c = connections.open()) {
            DatabaseMetaData meta = c.getMetaData();
            TableFacts.Builder facts = TableFacts.builder().triggerWritesUnknown();
            for (String[] table : tables(meta, name)) {
                if ("VIEW".equalsIgnoreCase(table[3])) {
                    facts.viewOfUnknownTables();
                    continue;
                }
                try (ResultSet keys = meta.getExportedKeys(table[0], table[1], table[2])) {
                    while (keys.next()) {
                        String child = keys.getString("FKTABLE_NAME");
                        facts.referencingTables(child);
                        if (changesChild(keys.getShort("UPDATE_RULE")) || changesChild(keys.getShort("DELETE_RULE"))) {
                            facts.changes(child);
                        }
                    }
                }
            }
            try (ResultSet views = meta.getTables(null, null, "%", new String[] {"VIEW"})) {
                while (views.next()) {
                    if (!"information_schema".equalsIgnoreCase(views.getString("TABLE_SCHEM"))) {
                        facts.changes(views.getString("TABLE_NAME"));
                    }
                }
            }
            return facts.build();
        }
    }

    private static boolean changesChild(short rule) {
        return rule == DatabaseMetaData.importedKeyCascade || rule == DatabaseMetaData.importedKeySetNull
                || rule == DatabaseMetaData.importedKeySetDefault;
    }

    /** catalog, schema, name and type of every table whose name is this one in any case. */
    private static List<String[]> tables(DatabaseMetaData meta, String name) throws SQLException {
        List<String[]> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String pattern : patterns(meta, name)) {
            try (ResultSet rs = meta.getTables(null, null, pattern, null)) {
                while (rs.next()) {
                    String[] t = {rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
                            rs.getString("TABLE_TYPE")};
                    if (t[2] != null && t[2].toLowerCase(Locale.ROOT).equals(name) && seen.add(t[0] + "." + t[1] + "." + t[2])) {
                        found.add(t);
                    }
                }
            }
        }
        return found;
    }

    /** The name as stored in lower, upper or its own case, with LIKE wildcards escaped. */
    private static Set<String> patterns(DatabaseMetaData meta, String name) throws SQLException {
        String escape = meta.getSearchStringEscape();
        Set<String> patterns = new LinkedHashSet<>();
        for (String n : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            patterns.add(escape == null || escape.isEmpty() ? n
                    : n.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%"));
        }
        return patterns;
    }

    @Override
    public RoutineFacts routine(String name) throws SQLException {
        try (Connection c = connections.open()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String pattern : patterns(meta, name)) {
                try (ResultSet rs = meta.getProcedures(null, null, pattern)) {
                    if (rs.next()) {
                        return RoutineFacts.writesUnknownTables();
                    }
                }
                try (ResultSet rs = meta.getFunctions(null, null, pattern)) {
                    if (rs.next()) {
                        return RoutineFacts.writesUnknownTables();
                    }
                }
            }
            return null;
        }
    }
}
