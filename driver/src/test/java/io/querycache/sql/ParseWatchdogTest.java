package io.querycache.sql;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 13: the alarm thread holds nothing of the application and ends when no parse needs it. */
class ParseWatchdogTest {

    private static List<Thread> watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ParseWatchdog.THREAD_NAME)).collect(Collectors.toList());
    }

    @Test
    void theThreadStartsWithAParseHoldsNoContextLoaderAndEndsWhenIdle() throws InterruptedException {
        ScheduledFuture<?> alarm = ParseWatchdog.arm(CCJSqlParserUtil.newParser("SELECT 1"), 60_000);
        List<Thread> threads = watchdogThreads();
        assertThat(threads).isNotEmpty();
        for (Thread thread : threads) {
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getContextClassLoader()).isNull();
        }
        alarm.cancel(false);

        for (Thread thread : threads) {
            thread.join(10 * ParseWatchdog.IDLE_MILLIS);
            assertThat(thread.isAlive()).as("idle for %d ms, it ended", ParseWatchdog.IDLE_MILLIS).isFalse();
        }
    }
}
