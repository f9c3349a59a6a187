package io.querycache.dependency;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.querycache.sql.Footprint;

/** What the catalog says about a table or view name. Immutable. */
final class TableFacts {

    static final TableFacts NONE = new Builder().build();

    private final Set<String> changes;
    private final Set<String> referencingTables;
    private final boolean triggerWritesUnknown;
    private final boolean view;
    private final Set<String> viewBaseTables;
    private final Set<String> viewCalls;
    private final boolean viewBaseTablesUnknown;

    private TableFacts(Builder b) {
        this.changes = frozen(b.changes);
        this.referencingTables = frozen(b.referencingTables);
        this.triggerWritesUnknown = b.triggerWritesUnknown;
        this.view = b.view;
        this.viewBaseTables = frozen(b.viewBaseTables);
        this.viewCalls = frozen(b.viewCalls);
        this.viewBaseTablesUnknown = b.viewBaseTablesUnknown;
    }

    /**
     * What a write to this name may also change: FK children with a CASCADE, SET NULL or SET DEFAULT action,
     * partitions and inheritance parents and children, views that read it, a view's base tables, tables its
     * triggers write.
     */
    public Set<String> changes() {
        return changes;
    }

    /** Every table with a foreign key to this one, whatever its action (for TRUNCATE ... CASCADE). */
    public Set<String> referencingTables() {
        return referencingTables;
    }

    /** A trigger (or rule) exists whose writes the driver cannot read: a write may change every table. */
    public boolean triggerWritesUnknown() {
        return triggerWritesUnknown;
    }

    public boolean isView() {
        return view;
    }

    /** For a view, the tables and views it reads. */
    public Set<String> viewBaseTables() {
        return viewBaseTables;
    }

    /** For a view, the user-defined functions its definition calls (a read of the view calls them). */
    public Set<String> viewCalls() {
        return viewCalls;
    }

    /** For a view, its definition could not be read: it may read any table. */
    public boolean viewBaseTablesUnknown() {
        return viewBaseTablesUnknown;
    }

    @Override
    public String toString() {
        return "TableFacts{changes=" + changes + ", referencing=" + referencingTables + ", triggerWritesUnknown="
                + triggerWritesUnknown + (view ? ", viewBaseTables=" + viewBaseTables + ", viewCalls=" + viewCalls
                + ", viewBaseTablesUnknown=" + viewBaseTablesUnknown : "") + "}";
    }

    private static Set<String> frozen(Set<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects facts; every name is normalised as it is added. */
    public static final class Builder {
        private final Set<String> changes = new LinkedHashSet<>();
        private final Set<String> referencingTables = new LinkedHashSet<>();
        private boolean triggerWritesUnknown;
        private boolean view;
        private final Set<String> viewBaseTables = new LinkedHashSet<>();
        private final Set<String> viewCalls = new LinkedHashSet<>();
        private boolean viewBaseTablesUnknown;

        public Builder changes(Collection<String> names) {
            names.forEach(n -> changes.add(Footprint.normaliseTable(n)));
            return this;
        }

        public Builder changes(String... names) {
            return changes(java.util.Arrays.asList(names));
        }

        public Builder referencingTables(String... names) {
            for (String n : names) {
                referencingTables.add(Footprint.normaliseTable(n));
            }
            return this;
        }

        public Builder triggerWritesUnknown() {
            triggerWritesUnknown = true;
            return this;
        }

        /** Marks a view reading these names; a write through the view may change them too. */
        public Builder viewOf(Collection<String> baseTables) {
            view = true;
            baseTables.forEach(n -> viewBaseTables.add(Footprint.normaliseTable(n)));
            return changes(baseTables);
        }

        public Builder viewOf(String... baseTables) {
            return viewOf(java.util.Arrays.asList(baseTables));
        }

        public Builder viewCalls(Collection<String> functions) {
            view = true;
            functions.forEach(n -> viewCalls.add(Footprint.normaliseTable(n)));
            return this;
        }

        /** A view whose definition cannot be read: a read of it depends on every table, a write through it changes every table. */
        public Builder viewOfUnknownTables() {
            view = true;
            viewBaseTablesUnknown = true;
            triggerWritesUnknown = true;
            return this;
        }

        public TableFacts build() {
            return new TableFacts(this);
        }
    }
}
