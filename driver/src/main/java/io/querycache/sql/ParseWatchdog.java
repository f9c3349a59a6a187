package io.querycache.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;

import java.security.AccessControlContext;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.security.ProtectionDomain;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a JSqlParser parse that runs past its budget, by raising the parser's {@code interrupted} flag,
 * which its token loop checks. The parse itself stays on the caller's thread; one daemon thread keeps the alarms.
 * A parse happens once per distinct SQL text (callers memoize), so an alarm per parse costs nothing on the hot
 * path.
 *
 * <p>The thread starts with the first alarm and ends once no alarm has been pending for {@link #IDLE_MILLIS}:
 * a live thread is a garbage-collection root, and this one runs the driver's code, so while it lives it keeps
 * the driver's class loader (a redeployed application's) alive. It never holds more than that: no context class
 * loader, no inherited thread-local values, and an access control context without its creator's callers.
 */
final class ParseWatchdog {

    /** How long the alarm thread waits for the next parse before it ends. */
    static final long IDLE_MILLIS = 1_000;
    static final String THREAD_NAME = "querycache-parse-watchdog";

    /** Cuts the callers (the application's frames) out of the context the new thread inherits. */
    private static final AccessControlContext NO_CALLERS = new AccessControlContext(new ProtectionDomain[0]);

    private static final ScheduledThreadPoolExecutor ALARMS = new ScheduledThreadPoolExecutor(1,
            ParseWatchdog::newThread);

    static {
        ALARMS.setRemoveOnCancelPolicy(true);
        ALARMS.setKeepAliveTime(IDLE_MILLIS, TimeUnit.MILLISECONDS);
        ALARMS.allowCoreThreadTimeOut(true);
    }

    private ParseWatchdog() {
    }

    static ScheduledFuture<?> arm(CCJSqlParser parser, long budgetMillis) {
        return ALARMS.schedule(() -> {
            parser.interrupted = true;
        }, budgetMillis, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("removal") // AccessController: still what Thread captures on the JDKs the driver runs on
    private static Thread newThread(Runnable alarms) {
        return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread thread = new Thread(null, alarms, THREAD_NAME, 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        }, NO_CALLERS);
    }
}
