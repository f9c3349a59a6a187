package io.querycache.integration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import io.querycache.testing.ServerDatabase;
import io.querycache.testing.SessionDifferential;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads on one HikariCP pool of PostgreSQL connections, four tenants: a schema per tenant chosen with
 * {@code SET search_path}, and one table under row-level security chosen with {@code SET ROLE} or
 * {@code SET app.tenant}. Pooled connections carry the previous borrower's session; every tenant must only
 * ever see its own rows, while the cache serves hits.
 */
@Tag("integration")
class MultiTenantPoolTest {

    private static final int TENANTS = 4;
    private static final int THREADS = 8;
    private static final int ROUNDS = 150;

    @Test
    void everyTenantSeesOnlyItsOwnRows() throws Exception {
        ServerDatabase db = ServerDatabase.POSTGRES;
        String s = ServerDatabase.unique("qc_mt").toLowerCase();
        List<String> setup = new ArrayList<>();
        setup.add("CREATE TABLE " + s + "_rls (tenant text, name text)");
        setup.add("ALTER TABLE " + s + "_rls ENABLE ROW LEVEL SECURITY");
        setup.add("CREATE POLICY by_tenant ON " + s + "_rls USING (tenant = current_user"
                + " OR tenant = current_setting('app.tenant', true))");
        setup.add("CREATE ROLE " + s + "_app");
        setup.add("GRANT SELECT ON " + s + "_rls TO " + s + "_app");
        for (int t = 0; t < TENANTS; t++) {
            String tenant = s + "_t" + t;
            setup.add("CREATE SCHEMA " + tenant);
            setup.add("CREATE TABLE " + tenant + ".items (name text)");
            setup.add("INSERT INTO " + tenant + ".items VALUES ('items of " + t + "')");
            setup.add("CREATE ROLE " + tenant);
            setup.add("GRANT SELECT ON " + s + "_rls TO " + tenant);
            setup.add("GRANT USAGE ON SCHEMA " + tenant + " TO " + tenant + ", " + s + "_app");
            setup.add("INSERT INTO " + s + "_rls VALUES ('" + tenant + "', 'secret of " + t + "')");
        }
        db.execute(setup.toArray(new String[0]));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.cachedUrl());
        config.setDriverClassName("io.querycache.QueryCacheDriver");
        config.setUsername(db.user());
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.addDataSourceProperty("querycache.name", ServerDatabase.unique("tenants"));
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int tenant = i % TENANTS;
                running.add(threads.submit(() -> {
                    start.await();
                    String name = s + "_t" + tenant;
                    for (int round = 0; round < ROUNDS && violations.size() < 10; round++) {
                        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                            st.execute("SET search_path = " + name);
                            List<String> items;
                            try {
                                items = SessionDifferential.rows(c, "/*cache:items*/ SELECT name FROM items");
                            } catch (java.sql.SQLException e) {
                                throw new AssertionError("round " + round, e);
                            }
                            check(violations, tenant, "schema", items, "items of " + tenant);
                            st.execute(round % 2 == 0 ? "SET ROLE " + name
                                    : "SET ROLE " + s + "_app");
                            if (round % 2 == 1) {
                                st.execute("SET app.tenant = '" + name + "'");
                            }
                            check(violations, tenant, round % 2 == 0 ? "SET ROLE" : "SET app.tenant",
                                    SessionDifferential.rows(c, "/*cache:rls*/ SELECT name FROM public." + s + "_rls"),
                                    "secret of " + tenant);
                            // What a pool's reset query does; without it the next borrower inherits app.tenant.
                            st.execute(round % 4 < 2 ? "DISCARD ALL" : "RESET ALL; RESET ROLE");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(2, TimeUnit.MINUTES);
            }
            try (Connection c = pool.getConnection()) {
                assertThat(c.unwrap(QueryCache.class).stats().hits()).as("the cache served tenants").isPositive();
            }
        } finally {
            threads.shutdownNow();
            List<String> drop = new ArrayList<>();
            drop.add("DROP TABLE " + s + "_rls");
            drop.add("DROP ROLE " + s + "_app");
            for (int t = 0; t < TENANTS; t++) {
                drop.add("DROP SCHEMA " + s + "_t" + t + " CASCADE");
                drop.add("DROP ROLE " + s + "_t" + t);
            }
            db.dropQuietly(drop.toArray(new String[0]));
        }
        assertThat(violations).isEmpty();
    }

    private static void check(List<String> violations, int tenant, String how, List<String> rows, String expected) {
        if (!rows.equals(List.of(expected))) {
            violations.add("tenant " + tenant + " by " + how + " read " + rows);
        }
    }
}
