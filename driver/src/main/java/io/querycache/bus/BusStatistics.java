package io.querycache.bus;

import io.querycache.cache.ResultCache;
import io.querycache.config.BusAddress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** The live counters and state of one cache's bus; also its MXBean. */
public final class BusStatistics implements BusMXBean {

    private final ResultCache cache;
    private final String address;
    final LongAdder reconnects = new LongAdder();
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    final LongAdder missedMessages = new LongAdder();
    private volatile String state = "starting";

    BusStatistics(ResultCache cache, BusAddress address) {
        this.cache = cache;
        this.address = address.toString();
    }

    void state(String now) {
        state = now;
    }

    @Override public String getAddress() { return address; }

    @Override public String getState() { return state; }

    @Override public long getReconnects() { return reconnects.sum(); }

    @Override public long getMessagesIn() { return messagesIn.sum(); }

    @Override public long getMessagesOut() { return messagesOut.sum(); }

    @Override public long getPublishFailures() { return publishFailures.sum(); }

    @Override public long getMissedMessages() { return missedMessages.sum(); }

    @Override public long getDeafMillis() { return TimeUnit.NANOSECONDS.toMillis(cache.deafNanos()); }

    @Override
    public String toString() {
        return "bus " + address + " " + state + ": in=" + getMessagesIn() + " out=" + getMessagesOut() + " reconnects="
                + getReconnects() + " publishFailures=" + getPublishFailures() + " missed=" + getMissedMessages()
                + " deafMillis=" + getDeafMillis();
    }
}
