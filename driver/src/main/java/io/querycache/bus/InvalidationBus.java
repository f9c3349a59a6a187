package io.querycache.bus;

import io.querycache.cache.Footprint;

import java.sql.Connection;
import java.util.function.Consumer;

/** Carries one cache's committed invalidation sets to the other processes, and theirs to it. */
public interface InvalidationBus extends AutoCloseable {

    /** Publishes a set already committed (after a commit or an autocommit write). Never throws. */
    void publish(Footprint footprint);

    /**
     * Publishes a set inside the committing transaction, before its commit, where the bus can (PostgreSQL: it is
     * then delivered only if the commit succeeds, and {@link #publish} skips the same set after the commit).
     * Elsewhere does nothing: the set is published after the commit. Never throws.
     */
    void beforeCommit(Connection committing, Footprint footprint);

    /** Random per process and cache: a node skips its own messages. */
    String senderId();

    BusStatistics statistics();

    /** The sequence number of the last message this node numbered (0: none yet). */
    long lastSequence();

    /** Runs {@code listener} on the listening thread after each message from another node is applied (tests). */
    void onApplied(Consumer<InvalidationMessage> listener);

    /** Stops listening and publishing; the cache stays deaf (it can no longer be sure it hears). */
    @Override
    void close();
}
