package io.querycache.dependency;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import io.querycache.config.DeclaredDependencies;
import io.querycache.sql.Footprint;

/**
 * The dependency graph of one cache (SPEC 5): nodes are tables, views and functions; an edge X=>Y means a change
 * to X may change what Y returns. Edges come from the catalog, loaded lazily per name, and from
 * {@code querycache.dependencies}. Thread-safe; answers are memoized per distinct input until {@link #refresh()}.
 * What the catalog cannot tell is assumed: a name whose facts cannot be read makes the answer every table.
 */
public final class DependencyGraph {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    /** Distinct inputs remembered before the memo starts over; bounds memory for generated SQL. */
    private static final int MEMO_LIMIT = 10_000;

    /** Null once released: the catalog's connection factory holds the real driver and the credentials. */
    private volatile Catalog catalog;
    private final DeclaredDependencies declared;
    private final AtomicReference<LoadedFacts> loaded = new AtomicReference<>(new LoadedFacts());
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public DependencyGraph(Catalog catalog, DeclaredDependencies declared) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.declared = Objects.requireNonNull(declared, "declared");
    }

    /**
     * What a write may change: the tables it names and everything reachable from them through catalog and
     * declared edges, transitively; with {@code truncateCascade} also every table referencing them by a foreign
     * key; what each called user routine writes (declared, else every table unless the catalog proves it cannot
     * write).
     */
    Effect ofWrite(Collection<String> tables, Collection<String> calledFunctions, boolean truncateCascade) {
        LoadedFacts facts = loaded.get();
        Query query = new Query(truncateCascade ? Query.WRITE_TRUNCATE_CASCADE : Query.WRITE, tables, calledFunctions);
        if (catalog == null) {
            return released(query);
        }
        Effect known = facts.memo.get(query);
        if (known != null) {
            return known;
        }
        return facts.remember(query, closureOfWrite(facts, query));
    }

    /**
     * What a read depends on besides its own names (which are included): the base tables of the views it reads,
     * transitively; each called user function's own node, and every table unless
     * {@code querycache.dependencies} names what the function reads. Built-ins add nothing.
     */
    Effect ofRead(Collection<String> tables, Collection<String> calledFunctions) {
        LoadedFacts facts = loaded.get();
        Query query = new Query(Query.READ, tables, calledFunctions);
        if (catalog == null) {
            return released(query);
        }
        Effect known = facts.memo.get(query);
        if (known != null) {
            return known;
        }
        return facts.remember(query, closureOfRead(facts, query));
    }

    /** Forgets everything loaded and memoized (after DDL, on invalidateAll); the next calls read the catalog again. */
    public void refresh() {
        loaded.set(new LoadedFacts());
    }

    /**
     * Forgets everything and lets go of the catalog, for good (its cache closed): what is asked afterwards, by the
     * pass-through connections of a closed cache, is answered without the catalog, as every table.
     */
    public void release() {
        catalog = null;
        loaded.set(new LoadedFacts());
    }

    private static Effect released(Query query) {
        return new Effect(query.tables, true);
    }

    private Effect closureOfWrite(LoadedFacts facts, Query query) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(query.tables);
        boolean everyTable = false;
        for (String function : query.functions) {
            if (declared.hasTargets(function) || declared.hasSources(function)) {
                // Named in querycache.dependencies: what it writes is declared (nothing, without F=>...).
                pending.addAll(declared.targetsOf(function));
                continue;
            }
            Object routine = routine(facts, function);
            if (routine == UNREADABLE) {
                everyTable = true;
            } else if (routine instanceof RoutineFacts) {
                // SPEC 5.1: a routine that may write changes every table, even where its body names what it
                // writes (it may reach other tables through what it calls); querycache.dependencies narrows it.
                everyTable |= ((RoutineFacts) routine).mayWrite();
            }
        }
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!reached.add(name)) {
                continue; // cycles end here
            }
            pending.addAll(declared.targetsOf(name));
            Object table = table(facts, name);
            if (table == UNREADABLE) {
                everyTable = true;
                continue;
            }
            TableFacts t = (TableFacts) table;
            // A trigger the driver cannot read writes anything, unless the user declared what this table changes.
            everyTable |= t.triggerWritesUnknown() && !declared.hasTargets(name);
            pending.addAll(t.changes());
            if (query.kind == Query.WRITE_TRUNCATE_CASCADE) {
                pending.addAll(t.referencingTables());
            }
        }
        return new Effect(reached, everyTable);
    }

    private Effect closureOfRead(LoadedFacts facts, Query query) {
        Set<String> reached = new LinkedHashSet<>();
        Set<String> functions = new LinkedHashSet<>(query.functions);
        Deque<String> pending = new ArrayDeque<>(query.tables);
        boolean everyTable = false;
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!reached.add(name)) {
                continue;
            }
            Object table = table(facts, name);
            if (table == UNREADABLE) {
                everyTable = true; // it may be a view of anything
                continue;
            }
            TableFacts t = (TableFacts) table;
            if (t.isView()) {
                everyTable |= t.viewBaseTablesUnknown();
                pending.addAll(t.viewBaseTables());
                functions.addAll(t.viewCalls());
            }
        }
        for (String function : functions) {
            if (declared.hasSources(function) || declared.hasTargets(function)) {
                // Named in querycache.dependencies: what it reads is declared (nothing, without X=>F).
                reached.add(function);
                continue;
            }
            Object routine = routine(facts, function);
            if (routine == UNREADABLE) {
                everyTable = true;
            } else if (routine instanceof RoutineFacts) {
                reached.add(function);
                everyTable = true; // what a function reads cannot be seen
            }
        }
        return new Effect(reached, everyTable);
    }

    private static final Object UNREADABLE = new Object();
    private static final Object NO_ROUTINE = new Object();

    /** The name's TableFacts, or UNREADABLE; loaded outside any lock, the first stored load wins. */
    private Object table(LoadedFacts facts, String name) {
        Object known = facts.tables.get(name);
        if (known != null) {
            return known;
        }
        Catalog source = catalog;
        if (source == null) {
            return UNREADABLE; // released while this answer was being worked out
        }
        Object fresh;
        try {
            TableFacts t = source.table(name);
            fresh = t == null ? TableFacts.NONE : t;
        } catch (SQLException | RuntimeException | LinkageError e) {
            logOnce("table " + name, e);
            fresh = UNREADABLE;
        }
        Object raced = facts.tables.putIfAbsent(name, fresh);
        return raced == null ? fresh : raced;
    }

    /** The name's RoutineFacts, NO_ROUTINE for a built-in, or UNREADABLE. */
    private Object routine(LoadedFacts facts, String name) {
        Object known = facts.routines.get(name);
        if (known != null) {
            return known;
        }
        Catalog source = catalog;
        if (source == null) {
            return UNREADABLE;
        }
        Object fresh;
        try {
            RoutineFacts r = source.routine(name);
            fresh = r == null ? NO_ROUTINE : r;
        } catch (SQLException | RuntimeException | LinkageError e) {
            logOnce("routine " + name, e);
            fresh = UNREADABLE;
        }
        Object raced = facts.routines.putIfAbsent(name, fresh);
        return raced == null ? fresh : raced;
    }

    private void logOnce(String what, Throwable e) {
        if (failureLogged.compareAndSet(false, true)) {
            LOG.warning("querycache: cannot read the catalog for " + what + " (" + CatalogFailure.reason(e)
                    + "); writes naming such tables and reads calling such functions now count as touching every"
                    + " table (logged once)");
        }
    }

    /** What has been loaded and answered since the last refresh; replaced whole so a late load lands in the old one. */
    private static final class LoadedFacts {
        final ConcurrentHashMap<String, Object> tables = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Object> routines = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Query, Effect> memo = new ConcurrentHashMap<>();

        Effect remember(Query query, Effect effect) {
            if (memo.size() >= MEMO_LIMIT) {
                memo.clear();
            }
            Effect raced = memo.putIfAbsent(query, effect);
            return raced == null ? effect : raced;
        }
    }

    /** One distinct input: its kind and normalised names. */
    private static final class Query {
        static final int READ = 0;
        static final int WRITE = 1;
        static final int WRITE_TRUNCATE_CASCADE = 2;

        final int kind;
        final Set<String> tables;
        final Set<String> functions;

        Query(int kind, Collection<String> tables, Collection<String> functions) {
            this.kind = kind;
            this.tables = normalised(tables);
            this.functions = normalised(functions);
        }

        private static Set<String> normalised(Collection<String> names) {
            Set<String> out = new LinkedHashSet<>();
            if (names != null) {
                for (String n : names) {
                    out.add(Footprint.normaliseTable(n));
                }
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Query)) {
                return false;
            }
            Query other = (Query) o;
            return kind == other.kind && tables.equals(other.tables) && functions.equals(other.functions);
        }

        @Override
        public int hashCode() {
            return (tables.hashCode() * 31 + functions.hashCode()) * 31 + kind;
        }
    }
}
