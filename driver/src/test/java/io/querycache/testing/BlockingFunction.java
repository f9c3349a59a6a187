package io.querycache.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An H2 function (CREATE ALIAS ... FOR "io.querycache.testing.BlockingFunction.hold") that tells the test a
 * query is under way and waits until the test releases it: a load held open while a write commits.
 */
public final class BlockingFunction {

    public static volatile CountDownLatch started = new CountDownLatch(1);
    public static volatile CountDownLatch release = new CountDownLatch(1);

    private BlockingFunction() {
    }

    public static void reset() {
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    public static int hold() throws InterruptedException {
        started.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the query");
        }
        return 1;
    }
}
