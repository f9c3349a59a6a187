package io.querycache.dependency;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The tables (views, functions) a statement may change or depend on, or every table. Immutable. */
final class Effect {

    private final Set<String> tables;
    private final boolean everyTable;

    Effect(Collection<String> tables, boolean everyTable) {
        this.tables = Collections.unmodifiableSet(new LinkedHashSet<>(tables));
        this.everyTable = everyTable;
    }

    /** The names, normalised; the statement's own names included. */
    public Set<String> tables() {
        return tables;
    }

    /** The statement may change (or depend on) any table: the names above are not the whole story. */
    public boolean everyTable() {
        return everyTable;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Effect)) {
            return false;
        }
        Effect other = (Effect) o;
        return everyTable == other.everyTable && tables.equals(other.tables);
    }

    @Override
    public int hashCode() {
        return tables.hashCode() * 31 + Boolean.hashCode(everyTable);
    }

    @Override
    public String toString() {
        return "Effect{" + tables + (everyTable ? ", everyTable" : "") + "}";
    }
}
