package io.querycache.dependency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.querycache.sql.Footprint;
import io.querycache.sql.SqlAnalysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One cache's answer to "what does this statement change, and what does this cached read depend on": the
 * names an analysed statement gives, closed over the cache's {@link DependencyGraph}. Memoized per analysis
 * (so a write text's closure is computed once), forgotten with the graph on {@link #refresh()}.
 *
 * <p>Only writes and misses come here; a hit checks the footprint its entry was stored with.
 */
public final class StatementDependencies {

    private static final int MEMO_SIZE = 10_000;

    private final DependencyGraph graph;
    private final Cache<SqlAnalysis, Footprint> writes = memo();
    private final Cache<SqlAnalysis, Footprint> reads = memo();

    public StatementDependencies(DependencyGraph graph) {
        this.graph = graph;
    }

    private static Cache<SqlAnalysis, Footprint> memo() {
        return Caffeine.newBuilder().maximumSize(MEMO_SIZE).executor(Runnable::run).build();
    }

    /** What a write invalidates: its hint keys, and its tables and called functions closed over the graph. */
    public Footprint writes(SqlAnalysis write) {
        Footprint named = write.invalidates();
        if (named.allTables() || (named.tableNames().isEmpty() && write.calledFunctions().isEmpty()
                && !write.truncateCascade())) {
            return named;
        }
        Footprint known = writes.getIfPresent(write);
        if (known == null) {
            Effect effect = graph.ofWrite(named.tableNames(), write.calledFunctions(), write.truncateCascade());
            known = named.plus(footprint(effect));
            writes.put(write, known);
        }
        return known;
    }

    /** What a cached read depends on: its keys and tables, the base tables of its views, its functions' inputs. */
    public Footprint reads(SqlAnalysis query) {
        Footprint named = query.dependsOn();
        if (named.allTables() || (named.tableNames().isEmpty() && query.calledFunctions().isEmpty())) {
            return named;
        }
        Footprint known = reads.getIfPresent(query);
        if (known == null) {
            known = named.plus(footprint(graph.ofRead(named.tableNames(), query.calledFunctions())));
            reads.put(query, known);
        }
        return known;
    }

    /** What a row written through an updatable result set over these tables invalidates. */
    public Footprint rowWrites(Footprint tablesRead) {
        if (tablesRead.allTables()) {
            return tablesRead;
        }
        return tablesRead.plus(footprint(graph.ofWrite(tablesRead.tableNames(), Set.of(), false)));
    }

    /** After DDL through the driver, and on invalidateAll: read the catalog again when next needed. */
    public void refresh() {
        graph.refresh();
        writes.invalidateAll();
        reads.invalidateAll();
    }

    /** Its cache closed: forget everything, and never read the catalog again. */
    public void release() {
        graph.release();
        writes.invalidateAll();
        reads.invalidateAll();
    }

    private static Footprint footprint(Effect effect) {
        return Footprint.of(List.of(), new LinkedHashSet<>(effect.tables()), effect.everyTable());
    }
}
