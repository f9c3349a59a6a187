package io.querycache.feed;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.fail;

/** Waits for something asynchronous, polling briefly, and fails the test when it does not happen in time. */
final class BoundedWait {

    interface Condition {
        boolean holds() throws Exception;
    }

    private BoundedWait() {
    }

    /** @return the nanoseconds it took */
    static long until(String what, long timeoutMillis, Condition condition) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeoutMillis + " ms: " + what);
            }
            LockSupport.parkNanos(200_000);
        }
        return System.nanoTime() - start;
    }
}
