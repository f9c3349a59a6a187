package io.querycache.feed;

import io.querycache.cache.ResultCache;

/** A feed that cannot work in this setting: the cache stays deaf (no hits) and the log says why, once. */
final class UnavailableChangeFeed extends ChangeFeed {

    private final String reason;

    UnavailableChangeFeed(ResultCache cache, String reason) {
        super("unavailable", cache, null, Long.MAX_VALUE);
        this.reason = reason;
    }

    @Override
    void listen() throws FeedUnavailable {
        throw new FeedUnavailable(reason);
    }

    @Override
    void interrupt() {
    }
}
