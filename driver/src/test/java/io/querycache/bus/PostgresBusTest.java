package io.querycache.bus;

import io.querycache.config.BusAddress;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class PostgresBusTest extends TwoNodesTest {

    static Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    }

    @Override
    protected InvalidationBus start(ResultCache cache) {
        PostgresBus bus = new PostgresBus(cache, BusAddress.parse("postgres/" + channel), PostgresBusTest::open);
        Buses.wire(cache, bus);
        bus.start();
        return bus;
    }

    @Override
    protected void killListeners() throws SQLException {
        killPostgresListeners();
    }

    static void killPostgresListeners() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + PostgresBus.LISTENER_NAME + "'");
        }
    }

    @Test
    void aSetSentInsideTheTransactionIsDeliveredOnlyIfItCommits() throws Exception {
        startAll();
        List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
        CountDownLatch applied = new CountDownLatch(1);
        busB.onApplied(m -> {
            heard.add(m);
            applied.countDown();
        });
        try (Connection c = open()) {
            c.setAutoCommit(false);
            assertThat(busA.beforeCommit(c, Footprint.ofTables("rolled_back"))).isTrue();
            c.rollback();
            Footprint committed = Footprint.ofTables("committed");
            assertThat(busA.beforeCommit(c, committed)).isTrue();
            c.commit();
        }
        assertThat(applied.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(heard.get(0).footprint()).isEqualTo(Footprint.ofTables("committed"));
        assertThat(heard.get(0).inTransaction()).isTrue();
        assertThat(busA.statistics().getMessagesOut()).isEqualTo(2);
    }

    @Test
    void transactionsThatCommitInAnotherOrderThanTheySentLoseNothingAndFlushNothing() throws Exception {
        startAll();
        List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
        busB.onApplied(heard::add);
        long flushes = b.stats().fullInvalidations;
        try (Connection first = open(); Connection second = open()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(busA.beforeCommit(first, Footprint.ofTables("first"))).isTrue();
            a.invalidateTables("between"); // numbered, published at once
            assertThat(busA.beforeCommit(second, Footprint.ofTables("second"))).isTrue();
            second.commit();
            first.commit();
        }
        a.invalidateTables("after");
        Await.until("four sets", 5_000, () -> heard.size() == 4);
        assertThat(heard).extracting(m -> m.footprint().tableNames().get(0))
                .containsExactly("between", "second", "first", "after");
        assertThat(busB.statistics().getMissedMessages()).isZero();
        assertThat(b.stats().fullInvalidations).isEqualTo(flushes);
    }

    /** The application's transaction must come out as if there were no bus, whatever happens to the notify. */
    @Test
    void aNotifyThatFailsInsideTheTransactionLeavesItIntactAndTheSetGoesAfterTheCommit() throws Exception {
        startAll();
        String table = "qc_bus_notify_fails_" + Long.toString(System.nanoTime(), 36);
        List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
        busB.onApplied(heard::add);
        try (Connection c = open()) {
            c.createStatement().execute("CREATE TABLE " + table + " (id int)");
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO " + table + " VALUES (1)");
            Connection failingNotify = (Connection) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement") && ((String) args[0]).contains("pg_notify")) {
                            // A real server error after the savepoint: the transaction is aborted unless the
                            // savepoint saves it.
                            args[0] = ((String) args[0]).replace("pg_notify(?, ?)", "pg_notify(?, ?), 1/0");
                        }
                        return method.invoke(c, args);
                    });
            assertThat(busA.beforeCommit(failingNotify, Footprint.ofTables(table))).isFalse();
            c.createStatement().execute("INSERT INTO " + table + " VALUES (2)"); // the transaction still works
            c.commit();
            a.invalidateTables(table); // what the driver does after a commit whose set did not travel inside it
            try (java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            c.commit();
        } finally {
            try (Connection c = open()) {
                c.createStatement().execute("DROP TABLE IF EXISTS " + table);
            }
        }
        Await.until("the set after the commit", 5_000, () -> !heard.isEmpty());
        assertThat(heard.get(0).inTransaction()).isFalse();
        assertThat(heard.get(0).footprint()).isEqualTo(Footprint.ofTables(table));
        assertThat(busA.statistics().getPublishFailures()).isZero();
        assertThat(busB.statistics().getMissedMessages()).isZero();
    }

    @Test
    void anAbortedTransactionCannotCarryTheSetAndIsLeftForItsCommitToRefuse() throws Exception {
        startAll();
        try (Connection c = open()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1/0");
            } catch (SQLException expected) {
                assertThat(expected.getSQLState()).isEqualTo("22012");
            }
            assertThat(busA.beforeCommit(c, Footprint.ofTables("t"))).isFalse();
            c.rollback();
        }
        assertThat(busA.statistics().getMessagesOut()).isZero();
        assertThat(busA.statistics().getPublishFailures()).isZero();
    }

    @Test
    void aSetOverTheNotifyLimitArrivesWhole() throws Exception {
        startAll();
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            tables.add("table_" + i);
        }
        Footprint large = Footprint.of(List.of(), tables, false);
        List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
        busB.onApplied(heard::add);

        a.invalidate(large);

        long parts = busA.statistics().getMessagesOut();
        assertThat(parts).isGreaterThan(1);
        Await.until("every part", 5_000, () -> heard.size() == parts);
        Footprint union = Footprint.NONE;
        for (InvalidationMessage m : heard) {
            union = union.plus(m.footprint());
        }
        assertThat(union).isEqualTo(large);
        assertThat(busB.statistics().getMissedMessages()).isZero();
    }
}
