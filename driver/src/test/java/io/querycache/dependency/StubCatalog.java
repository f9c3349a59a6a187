package io.querycache.dependency;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A catalog of facts set by the test; counts its loads, and can fail like an unreadable catalog. */
final class StubCatalog implements Catalog {

    final Map<String, TableFacts> tables = new HashMap<>();
    final Map<String, RoutineFacts> routines = new HashMap<>();
    final AtomicInteger loads = new AtomicInteger();
    volatile SQLException failure;

    StubCatalog table(String name, TableFacts.Builder facts) {
        tables.put(name, facts.build());
        return this;
    }

    StubCatalog routine(String name, RoutineFacts facts) {
        routines.put(name, facts);
        return this;
    }

    @Override
    public TableFacts table(String name) throws SQLException {
        loads.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return tables.getOrDefault(name, TableFacts.NONE);
    }

    @Override
    public RoutineFacts routine(String name) throws SQLException {
        loads.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return routines.get(name);
    }
}
