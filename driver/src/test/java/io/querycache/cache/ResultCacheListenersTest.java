package io.querycache.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querycache.sql.Footprint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What a cache tells its listeners, and what it does with invalidations heard from outside the process. */
class ResultCacheListenersTest {

    private final ResultCache cache = new ResultCache("listeners", 1 << 20, true, Ticker.disabledTicker());
    private final AtomicInteger flushes = new AtomicInteger();

    ResultCacheListenersTest() {
        cache.onInvalidateAll(flushes::incrementAndGet);
    }

    @Test
    void invalidationsFromOutsideInvalidateAndAreNotToldAgain() {
        List<Footprint> told = new ArrayList<>();
        cache.onInvalidate(told::add);
        long start = cache.generation();
        cache.invalidateFromOutside(Footprint.NONE);
        assertThat(cache.generation()).as("nothing to invalidate").isEqualTo(start);
        cache.invalidateFromOutside(Footprint.ofKeys("k"));
        assertThat(cache.isCurrent(Footprint.ofKeys("k"), start)).isFalse();
        assertThat(cache.isCurrent(Footprint.ofKeys("other"), start)).isTrue();
        assertThat(cache.stats().busInvalidations).isEqualTo(1);

        cache.invalidateAllFromOutside();
        assertThat(cache.isCurrent(Footprint.ofKeys("other"), start)).isFalse();
        assertThat(cache.stats().busInvalidations).isEqualTo(2);
        assertThat(cache.stats().fullInvalidations).isEqualTo(1);
        assertThat(told).isEmpty();

        cache.close();
        cache.invalidateAllFromOutside();
        assertThat(cache.stats().busInvalidations).as("closed: nothing more").isEqualTo(2);
    }

    @Test
    void everyFlushTellsItsListenersAndOnlyTheApplicationsTellsTheOtherProcesses() {
        AtomicInteger byApplication = new AtomicInteger();
        cache.onInvalidateAllByApplication(byApplication::incrementAndGet);
        cache.invalidateAll();
        cache.invalidateAllFromOutside();
        cache.deafUntilStarted(this, "starting");
        cache.deaf(this, "lost");
        assertThat(flushes).hasValue(4);
        assertThat(byApplication).hasValue(1);
        assertThat(cache.stats().fullInvalidations).isEqualTo(4);
    }

    @Test
    void closeTellsItsListenersOnceAndALaterOneAtOnce() {
        AtomicInteger closes = new AtomicInteger();
        cache.onClose(closes::incrementAndGet);
        long start = cache.generation();
        cache.close();
        cache.close();
        assertThat(closes).hasValue(1);
        assertThat(cache.isCurrent(Footprint.NONE, start)).as("every load in flight is stale").isFalse();
        cache.onClose(closes::incrementAndGet);
        assertThat(closes).as("closed already: at once").hasValue(2);
        cache.invalidateAll();
        assertThat(flushes).as("closed: no flush").hasValue(0);
    }
}
