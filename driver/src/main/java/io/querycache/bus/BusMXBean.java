package io.querycache.bus;

/** The JMX view of one cache's bus, registered as {@code io.querycache:type=QueryCacheBus,name=<cache name>}. */
public interface BusMXBean {

    /** The bus address, password hidden. */
    String getAddress();

    /** {@code starting}, {@code listening}, {@code deaf: <why>} or {@code closed}. */
    String getState();

    /** Times the listening connection was lost and opened again. */
    long getReconnects();

    long getMessagesIn();

    long getMessagesOut();

    /** Invalidation sets that could not be published (the sender then owes every node a flush). */
    long getPublishFailures();

    /** Gaps in a sender's sequence numbers and messages that could not be read: each flushed the cache. */
    long getMissedMessages();

    /** Milliseconds the cache spent deaf (any listener), including now. */
    long getDeafMillis();
}
