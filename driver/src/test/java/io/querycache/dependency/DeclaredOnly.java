package io.querycache.dependency;

import io.querycache.config.DeclaredDependencies;

/**
 * Statement dependencies from declarations alone, over a catalog that knows no table and takes every routine
 * for one that writes unknown tables: for tests outside this package, to which the catalog types are not visible.
 */
public final class DeclaredOnly {

    private DeclaredOnly() {
    }

    public static StatementDependencies of(DeclaredDependencies declared) {
        return new StatementDependencies(new DependencyGraph(new EmptyCatalog(), declared));
    }

    private static final class EmptyCatalog implements Catalog {
        @Override
        public TableFacts table(String name) {
            return TableFacts.builder().build();
        }

        @Override
        public RoutineFacts routine(String name) {
            return RoutineFacts.writesUnknownTables();
        }
    }
}
