package io.querycache.dependency;

import io.querycache.config.DeclaredDependencies;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyGraphTest {

    private final StubCatalog catalog = new StubCatalog();

    private DependencyGraph graph() {
        return new DependencyGraph(catalog, DeclaredDependencies.none());
    }

    private DependencyGraph graph(String declared) {
        return new DependencyGraph(catalog, DeclaredDependencies.parse(declared));
    }

    private static Effect write(DependencyGraph g, String... tables) {
        return g.ofWrite(List.of(tables), List.of(), false);
    }

    @Test
    void foreignKeyCascadeIsTransitive() {
        catalog.table("customers", TableFacts.builder().changes("orders").referencingTables("orders"))
                .table("orders", TableFacts.builder().changes("order_lines").referencingTables("order_lines"));
        Effect e = write(graph(), "Customers");
        assertThat(e.tables()).containsExactlyInAnyOrder("customers", "orders", "order_lines");
        assertThat(e.everyTable()).isFalse();
    }

    @Test
    void setNullChildIsChangedButRestrictChildIsNot() {
        catalog.table("teams", TableFacts.builder().changes("players").referencingTables("players", "trophies"));
        assertThat(write(graph(), "teams").tables()).containsExactlyInAnyOrder("teams", "players");
    }

    @Test
    void truncateCascadeReachesEveryReferencingTableOnlyWithTheFlag() {
        catalog.table("teams", TableFacts.builder().referencingTables("trophies"))
                .table("trophies", TableFacts.builder().referencingTables("trophy_photos"));
        DependencyGraph g = graph();
        assertThat(g.ofWrite(List.of("teams"), List.of(), false).tables()).containsExactly("teams");
        assertThat(g.ofWrite(List.of("teams"), List.of(), true).tables())
                .containsExactlyInAnyOrder("teams", "trophies", "trophy_photos");
    }

    @Test
    void partitionsBothWays() {
        catalog.table("measurements", TableFacts.builder().changes("measurements_2024", "measurements_2025"))
                .table("measurements_2024", TableFacts.builder().changes("measurements"))
                .table("measurements_2025", TableFacts.builder().changes("measurements"));
        assertThat(write(graph(), "measurements_2024").tables())
                .containsExactlyInAnyOrder("measurements_2024", "measurements", "measurements_2025");
    }

    @Test
    void inheritanceParentsAndChildren() {
        catalog.table("cities", TableFacts.builder().changes("capitals"))
                .table("capitals", TableFacts.builder().changes("cities", "old_capitals"))
                .table("old_capitals", TableFacts.builder().changes("capitals"));
        assertThat(write(graph(), "old_capitals").tables())
                .containsExactlyInAnyOrder("old_capitals", "capitals", "cities");
    }

    @Test
    void writeThroughUpdatableViewChangesItsBaseAndTheirViews() {
        catalog.table("active_users", TableFacts.builder().viewOf("users").changes("active_users"))
                .table("users", TableFacts.builder().changes("active_users", "user_names"));
        assertThat(write(graph(), "active_users").tables())
                .containsExactlyInAnyOrder("active_users", "users", "user_names");
    }

    @Test
    void writeToBaseChangesItsViews() {
        catalog.table("users", TableFacts.builder().changes("active_users"))
                .table("active_users", TableFacts.builder().viewOf("users"));
        assertThat(write(graph(), "users").tables()).containsExactlyInAnyOrder("users", "active_users");
    }

    @Test
    void readOfViewDependsOnItsBaseTablesTransitively() {
        catalog.table("top_users", TableFacts.builder().viewOf("active_users"))
                .table("active_users", TableFacts.builder().viewOf("users", "logins"));
        Effect e = graph().ofRead(List.of("top_users"), List.of());
        assertThat(e.tables()).containsExactlyInAnyOrder("top_users", "active_users", "users", "logins");
        assertThat(e.everyTable()).isFalse();
    }

    @Test
    void readOfViewCallingAFunctionDependsOnEveryTable() {
        catalog.table("priced", TableFacts.builder().viewOf("items").viewCalls(List.of("price_of")))
                .routine("price_of", RoutineFacts.readOnly());
        Effect e = graph().ofRead(List.of("priced"), List.of());
        assertThat(e.tables()).contains("priced", "items", "price_of");
        assertThat(e.everyTable()).isTrue();
    }

    @Test
    void viewWithUnreadableDefinitionIsEveryTable() {
        catalog.table("secret_view", TableFacts.builder().viewOfUnknownTables());
        assertThat(graph().ofRead(List.of("secret_view"), List.of()).everyTable()).isTrue();
        assertThat(write(graph(), "secret_view").everyTable()).isTrue();
    }

    @Test
    void triggerTargetIsChanged() {
        catalog.table("orders", TableFacts.builder().changes("order_audit"))
                .table("order_audit", TableFacts.builder().changes("audit_summary"));
        Effect e = write(graph(), "orders");
        assertThat(e.tables()).containsExactlyInAnyOrder("orders", "order_audit", "audit_summary");
        assertThat(e.everyTable()).isFalse();
    }

    @Test
    void unreadableTriggerIsEveryTable() {
        catalog.table("orders", TableFacts.builder().changes("order_lines"))
                .table("order_lines", TableFacts.builder().triggerWritesUnknown());
        Effect e = write(graph(), "orders");
        assertThat(e.everyTable()).isTrue();
        assertThat(e.tables()).contains("orders", "order_lines");
    }

    @Test
    void declaredEdgesOfATableNarrowItsUnreadableTrigger() {
        catalog.table("orders", TableFacts.builder().triggerWritesUnknown());
        Effect e = write(graph("orders=>order_audit"), "orders");
        assertThat(e.everyTable()).isFalse();
        assertThat(e.tables()).containsExactlyInAnyOrder("orders", "order_audit");
    }

    @Test
    void volatileFunctionWritesEveryTable() {
        catalog.routine("bump", RoutineFacts.writesUnknownTables());
        Effect e = graph().ofWrite(List.of(), List.of("bump"), false);
        assertThat(e.everyTable()).isTrue();
    }

    @Test
    void stableFunctionWritesNothing() {
        catalog.routine("price_of", RoutineFacts.readOnly());
        Effect e = graph().ofWrite(List.of("items"), List.of("price_of"), false);
        assertThat(e).isEqualTo(new Effect(Set.of("items"), false));
    }

    @Test
    void functionThatMayWriteIsEveryTableEvenWhenItsBodyNamesItsTargets() {
        catalog.routine("place_order", RoutineFacts.writing(List.of("orders")))
                .table("orders", TableFacts.builder().changes("order_audit"));
        Effect e = graph().ofWrite(List.of(), List.of("place_order"), false);
        assertThat(e.everyTable()).isTrue();
    }

    @Test
    void declaredFunctionWritesWhatIsDeclaredThenItsClosure() {
        catalog.routine("bump", RoutineFacts.writesUnknownTables())
                .table("counters", TableFacts.builder().changes("counter_view"));
        Effect e = graph("bump=>counters").ofWrite(List.of(), List.of("BUMP"), false);
        assertThat(e).isEqualTo(new Effect(Set.of("counters", "counter_view"), false));
    }

    @Test
    void builtInFunctionIsNothing() {
        DependencyGraph g = graph();
        assertThat(g.ofWrite(List.of("t"), List.of("now"), false)).isEqualTo(new Effect(Set.of("t"), false));
        assertThat(g.ofRead(List.of("t"), List.of("lower"))).isEqualTo(new Effect(Set.of("t"), false));
    }

    @Test
    void readCallingUserFunctionDependsOnEveryTableUnlessItsReadsAreDeclared() {
        catalog.routine("price_of", RoutineFacts.readOnly());
        assertThat(graph().ofRead(List.of("items"), List.of("price_of")))
                .isEqualTo(new Effect(Set.of("items", "price_of"), true));
        DependencyGraph declared = graph("prices=>price_of");
        assertThat(declared.ofRead(List.of("items"), List.of("price_of")))
                .isEqualTo(new Effect(Set.of("items", "price_of"), false));
        // and a write to what it reads reaches the function's node
        assertThat(write(declared, "prices").tables()).containsExactlyInAnyOrder("prices", "price_of");
    }

    @Test
    void declaredTableEdges() {
        Effect e = write(graph("orders=>order_audit; order_audit=>audit_summary, audit_log"), "orders");
        assertThat(e.tables()).containsExactlyInAnyOrder("orders", "order_audit", "audit_summary", "audit_log");
    }

    @Test
    void cyclesTerminate() {
        catalog.table("a", TableFacts.builder().changes("b")).table("b", TableFacts.builder().changes("c"))
                .table("c", TableFacts.builder().changes("a"));
        assertThat(write(graph("c=>a, d; d=>b"), "a").tables()).containsExactlyInAnyOrder("a", "b", "c", "d");
        catalog.table("v", TableFacts.builder().viewOf("w")).table("w", TableFacts.builder().viewOf("v"));
        assertThat(graph().ofRead(List.of("v"), List.of()).tables()).containsExactlyInAnyOrder("v", "w");
    }

    @Test
    void answersAreMemoizedAndNamesLoadedOnce() {
        catalog.table("a", TableFacts.builder().changes("b")).table("b", TableFacts.builder());
        DependencyGraph g = graph();
        write(g, "a");
        assertThat(catalog.loads).hasValue(2);
        assertThat(write(g, "A")).isSameAs(write(g, "a"));
        assertThat(catalog.loads).hasValue(2);
        write(g, "b"); // a new input, b already loaded
        assertThat(catalog.loads).hasValue(2);
        g.ofRead(List.of("a"), List.of());
        assertThat(catalog.loads).hasValue(2);
    }

    @Test
    void refreshForgetsWhatWasLoaded() {
        catalog.table("a", TableFacts.builder());
        DependencyGraph g = graph();
        assertThat(write(g, "a").tables()).containsExactly("a");
        catalog.table("a", TableFacts.builder().changes("b"));
        assertThat(write(g, "a").tables()).containsExactly("a");
        g.refresh();
        assertThat(write(g, "a").tables()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void unreadableCatalogIsConservativeLoggedOnceAndRetriedAfterRefresh() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.querycache");
        logger.addHandler(handler);
        try {
            catalog.failure = new SQLException("permission denied for pg_constraint, password=hunter2", "42501");
            catalog.routine("price_of", RoutineFacts.readOnly());
            DependencyGraph g = graph();
            assertThat(write(g, "orders")).isEqualTo(new Effect(Set.of("orders"), true));
            assertThat(g.ofWrite(List.of(), List.of("price_of"), false).everyTable()).isTrue();
            assertThat(g.ofRead(List.of(), List.of("price_of")).everyTable()).isTrue();
            assertThat(g.ofRead(List.of(), List.of()).everyTable()).isFalse();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
            assertThat(records.get(0).getMessage()).contains("permission denied").contains("42501")
                    .doesNotContain("hunter2");

            catalog.failure = null;
            assertThat(write(g, "orders").everyTable()).isTrue(); // remembered until refresh
            g.refresh();
            assertThat(write(g, "orders")).isEqualTo(new Effect(Set.of("orders"), false));
            catalog.failure = new SQLException("again");
            g.refresh();
            write(g, "orders");
            assertThat(records).hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void driverThatThrowsRuntimeExceptionsIsUnreadableToo() {
        Catalog broken = new Catalog() {
            @Override
            public TableFacts table(String name) {
                throw new UnsupportedOperationException("no metadata");
            }

            @Override
            public RoutineFacts routine(String name) {
                throw new UnsupportedOperationException("no metadata");
            }
        };
        DependencyGraph g = new DependencyGraph(broken, DeclaredDependencies.none());
        assertThat(g.ofWrite(List.of("t"), List.of(), false).everyTable()).isTrue();
        assertThat(g.ofRead(List.of("t"), List.of("f")).everyTable()).isTrue();
    }

    @Test
    void concurrentCallersAgreeAndLoadOutsideAnyLock() throws Exception {
        catalog.table("a", TableFacts.builder().changes("b")).table("b", TableFacts.builder().changes("c"));
        DependencyGraph g = graph();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Effect>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    if (n % 50 == 0) {
                        g.refresh();
                    }
                    return write(g, "a");
                }));
            }
            for (java.util.concurrent.Future<Effect> answer : answers) {
                assertThat(answer.get()).isEqualTo(new Effect(Set.of("a", "b", "c"), false));
            }
        } finally {
            pool.shutdown();
        }
    }
}
