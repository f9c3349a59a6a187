package io.querycache.feed;

import io.querycache.sql.Footprint;

import java.util.LinkedHashSet;
import java.util.Set;

/** What the transaction being read has touched so far; applied, then forgotten, at its commit. */
final class TouchedTables {

    private final Set<String> tables = new LinkedHashSet<>();
    private boolean everyTable;
    private boolean schemaChanged;
    private int changes;

    void table(String name) {
        tables.add(name);
        changes++;
    }

    /** A relation that cannot be named, or a TRUNCATE of one. */
    void unknownTable() {
        everyTable = true;
        changes++;
    }

    /** DDL: everything may change, and the dependency graph is out of date. */
    void schemaChange() {
        schemaChanged = true;
        changes++;
    }

    boolean schemaChanged() {
        return schemaChanged;
    }

    boolean isEmpty() {
        return changes == 0;
    }

    int changes() {
        return changes;
    }

    Footprint footprint() {
        return Footprint.of(Set.of(), tables, everyTable);
    }

    void clear() {
        tables.clear();
        everyTable = false;
        schemaChanged = false;
        changes = 0;
    }
}
