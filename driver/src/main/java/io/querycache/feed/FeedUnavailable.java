package io.querycache.feed;

/** The server or the user does not meet a requirement of the change feed; the message says what to do. */
final class FeedUnavailable extends Exception {
    FeedUnavailable(String message) {
        super(message);
    }
}
