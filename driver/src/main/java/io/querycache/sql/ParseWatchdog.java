package io.querycache.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a JSqlParser parse that runs past its budget, by raising the parser's {@code interrupted} flag,
 * which its token loop checks. The parse itself stays on the caller's thread; one daemon thread, started on
 * first use, only keeps the alarms. A parse happens once per distinct SQL text (callers memoize), so an alarm
 * per parse costs nothing on the hot path.
 */
final class ParseWatchdog {

    private static final ScheduledThreadPoolExecutor ALARMS = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "querycache-parse-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        ALARMS.setRemoveOnCancelPolicy(true);
    }

    private ParseWatchdog() {
    }

    static ScheduledFuture<?> arm(CCJSqlParser parser, long budgetMillis) {
        return ALARMS.schedule(() -> {
            parser.interrupted = true;
        }, budgetMillis, TimeUnit.MILLISECONDS);
    }
}
