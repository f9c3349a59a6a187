package io.querycache.bus;

import java.security.SecureRandom;

/** Random sender ids: 16 hex digits, one per process and cache. */
final class SenderIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SenderIds() {
    }

    static String next() {
        return String.format("%016x", RANDOM.nextLong());
    }
}
