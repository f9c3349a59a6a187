package io.querycache.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** An H2 function (CREATE ALIAS ... FOR "io.querycache.testing.SlowFunction.count") that counts its calls slowly. */
public final class SlowFunction {

    public static final AtomicInteger CALLS = new AtomicInteger();

    private SlowFunction() {
    }

    /** Counts an execution and takes its time, so that concurrent misses overlap. */
    public static int count() throws InterruptedException {
        int n = CALLS.incrementAndGet();
        Thread.sleep(300);
        return n;
    }
}
