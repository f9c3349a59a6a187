package io.querycache.feed;

/** JMX view of one cache's change feed: {@code io.querycache:type=ChangeFeed,name="<cache name>"}. */
public interface ChangeFeedMXBean {
    String getState();

    long getLagMillis();

    /** Time the cache has spent deaf (any listener), in milliseconds. */
    long getDeafMillis();

    long getTransactions();

    long getChanges();

    long getConnects();

    String getLastProblem();
}
