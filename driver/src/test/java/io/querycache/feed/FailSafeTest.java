package io.querycache.feed;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.config.DeclaredDependencies;
import io.querycache.dependency.DeclaredOnly;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed's fail-safe without a server: a scripted stream drives it. */
class FailSafeTest {

    /** Runs the script on the feed's thread, then waits until closed, like a subscription that stays open. */
    private static final class ScriptedFeed extends ChangeFeed {
        private final CountDownLatch done = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private final java.util.function.Consumer<ScriptedFeed> script;

        ScriptedFeed(ResultCache cache, java.util.function.Consumer<ScriptedFeed> script) {
            super("scripted", cache, DeclaredOnly.of(DeclaredDependencies.parse("orders=>order_totals")), 1000);
            this.script = script;
        }

        @Override
        void listen() throws InterruptedException {
            script.accept(this);
            done.countDown();
            closed.await();
        }

        @Override
        void interrupt() {
            closed.countDown();
        }
    }

    private static ResultCache cache() {
        return new ResultCache("failsafe", 1 << 20, false, Ticker.systemTicker());
    }

    @Test
    void deafUntilSubscribedAndCaughtUp() throws Exception {
        ResultCache cache = cache();
        CountDownLatch proceed = new CountDownLatch(1);
        ScriptedFeed feed = new ScriptedFeed(cache, f -> {
            f.connected();
            await(proceed);
            f.caughtUp();
        });
        feed.start();
        assertThat(cache.isDeaf()).as("deaf from the start").isTrue();
        proceed.countDown();
        assertThat(feed.done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.isDeaf()).isFalse();
        assertThat(feed.stats().state()).isEqualTo(FeedState.LISTENING);
        feed.close();
        assertThat(feed.isStopped()).isTrue();
    }

    @Test
    void aCommitOlderThanMaxLagDeafensUntilCaughtUp() throws Exception {
        ResultCache cache = cache();
        CountDownLatch behind = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ScriptedFeed feed = new ScriptedFeed(cache, f -> {
            f.caughtUp();
            f.touched("orders");
            f.committed(System.currentTimeMillis() - 5_000);
            behind.countDown();
            await(proceed);
            f.caughtUp();
        });
        feed.start();
        assertThat(behind.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.isDeaf()).isTrue();
        assertThat(feed.stats().state()).isEqualTo(FeedState.BEHIND);
        assertThat(feed.stats().lastProblem()).contains("behind");
        proceed.countDown();
        assertThat(feed.done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.isDeaf()).isFalse();
        feed.close();
    }

    @Test
    void aCommitInvalidatesItsTablesClosedOverTheGraph() throws Exception {
        ResultCache cache = cache();
        long before = cache.generation();
        ScriptedFeed feed = new ScriptedFeed(cache, f -> {
            f.caughtUp();
            f.touched("public.Orders");
            f.committed(System.currentTimeMillis());
        });
        feed.start();
        assertThat(feed.done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.stats().tableInvalidations).as("orders and order_totals").isEqualTo(2);
        assertThat(cache.generation()).isGreaterThan(before);
        assertThat(feed.stats().transactions()).isEqualTo(1);
        assertThat(feed.stats().changes()).isEqualTo(1);
        assertThat(Footprint.normaliseTable("public.Orders")).isEqualTo("orders");
        feed.close();
    }

    @Test
    void aLostSubscriptionDeafensAndRetries() throws Exception {
        ResultCache cache = cache();
        CountDownLatch secondAttempt = new CountDownLatch(1);
        int[] attempts = {0};
        ChangeFeed feed = new ChangeFeed("failing", cache, null, 1000) {
            @Override
            void listen() throws FeedUnavailable {
                if (++attempts[0] == 2) {
                    secondAttempt.countDown();
                }
                throw new FeedUnavailable("no server");
            }

            @Override
            void interrupt() {
            }
        };
        feed.start();
        assertThat(secondAttempt.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.isDeaf()).isTrue();
        assertThat(feed.stats().state()).isEqualTo(FeedState.DISCONNECTED);
        assertThat(feed.stats().lastProblem()).isEqualTo("no server");
        feed.close();
        assertThat(feed.isStopped()).isTrue();
        assertThat(feed.stats().state()).isEqualTo(FeedState.CLOSED);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the test did not proceed");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
