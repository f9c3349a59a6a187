package io.querycache.feed;

/** Where a change feed stands; only in {@link #LISTENING} does its cache serve hits. */
public enum FeedState {
    /** Checking the server and subscribing. */
    STARTING,
    /** Applying every committed transaction within querycache.changeFeed.maxLag. */
    LISTENING,
    /** Connected, but the last transaction applied committed longer than maxLag ago. */
    BEHIND,
    /** Not connected (lost, refused, or the server does not meet the requirements); retrying. */
    DISCONNECTED,
    /** Stopped by {@link ChangeFeed#close()}. */
    CLOSED
}
