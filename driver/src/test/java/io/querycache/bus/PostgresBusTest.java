package io.querycache.bus;

import io.querycache.cache.Footprint;
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
        cache.onInvalidate(bus::publish);
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
            busA.beforeCommit(c, Footprint.ofTables("rolled_back"));
            c.rollback();
            Footprint committed = Footprint.ofTables("committed");
            busA.beforeCommit(c, committed);
            c.commit();
            a.invalidate(committed); // the local invalidation after the commit: not published twice
        }
        assertThat(applied.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(heard.get(0).footprint()).isEqualTo(Footprint.ofTables("committed"));
        assertThat(busA.statistics().getMessagesOut()).isEqualTo(2);
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
