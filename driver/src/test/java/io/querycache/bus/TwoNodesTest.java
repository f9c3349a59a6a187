package io.querycache.bus;

import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.testing.FakeTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two caches of the same name in one JVM, each with its own bus on the same channel. */
abstract class TwoNodesTest {

    protected final String channel = "qc_test_" + Long.toString(System.nanoTime(), 36);
    protected final ResultCache a = new ResultCache("app", 1 << 20, true, new FakeTicker());
    protected final ResultCache b = new ResultCache("app", 1 << 20, true, new FakeTicker());
    protected final ResultCache other = new ResultCache("other", 1 << 20, true, new FakeTicker());
    protected InvalidationBus busA;
    protected InvalidationBus busB;
    protected InvalidationBus busOther;

    /** Starts a bus for the cache; it publishes the cache's invalidations. */
    protected abstract InvalidationBus start(ResultCache cache);

    /** Drops every listening connection of the bus's server. */
    protected abstract void killListeners() throws Exception;

    protected void startAll() {
        busA = start(a);
        busB = start(b);
        busOther = start(other);
        for (ResultCache c : List.of(a, b, other)) {
            Await.until(c.name() + " listening", 10_000, () -> !c.isDeaf());
            // Deaf from the start (a flush), hearing once subscribed (a flush again).
            assertThat(c.stats().fullInvalidations).isGreaterThanOrEqualTo(2);
        }
    }

    @AfterEach
    void closeBuses() {
        for (InvalidationBus bus : new InvalidationBus[] {busA, busB, busOther}) {
            if (bus != null) {
                bus.close();
            }
        }
    }

    @Test
    void aCommittedSetReachesTheOtherNodeOnlyAndOnce() throws Exception {
        startAll();
        List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
        busB.onApplied(heard::add);
        long before = b.generation();

        a.invalidate(Footprint.of(List.of("countries"), List.of("orders"), false));

        Await.until("b applies it", 5_000, () -> !heard.isEmpty());
        assertThat(heard.get(0).footprint()).isEqualTo(Footprint.of(List.of("countries"), List.of("orders"), false));
        assertThat(heard.get(0).sender()).isEqualTo(busA.senderId());
        assertThat(b.generation()).isGreaterThan(before);
        assertThat(b.stats().busInvalidations).isEqualTo(1);
        Await.until("a hears its own message", 5_000, () -> busA.statistics().getMessagesIn() >= 1);
        Await.until("other hears it", 5_000, () -> busOther.statistics().getMessagesIn() >= 1);
        assertThat(a.stats().busInvalidations).isZero();
        assertThat(other.stats().busInvalidations).isZero();
        assertThat(busA.statistics().getMessagesOut()).isEqualTo(1);
        assertThat(b.isDeaf()).isFalse();
    }

    @Test
    void aLostListenerMakesTheNodeDeafUntilItListensAgain() throws Exception {
        startAll();
        long reconnects = busB.statistics().getReconnects();

        killListeners();

        Await.until("b deaf", 10_000, () -> busB.statistics().getReconnects() > reconnects);
        Await.until("b listening again", 15_000, () -> !b.isDeaf());
        assertThat(busB.statistics().getState()).isEqualTo("listening");
        assertThat(b.deafNanos()).isPositive();

        CountDownLatch applied = new CountDownLatch(1);
        busB.onApplied(m -> applied.countDown());
        a.invalidateTables("orders");
        assertThat(applied.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theApplicationsFlushReachesTheOtherNodesAndIsNotEchoed() throws Exception {
        startAll();
        List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
        busB.onApplied(heard::add);
        long flushesBefore = b.stats().fullInvalidations;

        a.invalidateAll();

        Await.until("b applies it", 5_000, () -> !heard.isEmpty());
        assertThat(heard.get(0).flush()).isTrue();
        assertThat(b.stats().fullInvalidations).isEqualTo(flushesBefore + 1);
        Await.until("other hears it", 5_000, () -> busOther.statistics().getMessagesIn() >= 1);
        assertThat(busA.statistics().getMessagesOut()).isEqualTo(1);
        assertThat(busB.statistics().getMessagesOut()).isZero(); // a flush heard is not published again
        assertThat(b.isDeaf()).isFalse();
    }
}
