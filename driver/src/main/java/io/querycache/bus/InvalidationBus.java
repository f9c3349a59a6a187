package io.querycache.bus;

import io.querycache.sql.Footprint;

import java.sql.Connection;
import java.util.function.Consumer;

/** Carries one cache's committed invalidation sets to the other processes, and theirs to it. */
public interface InvalidationBus extends AutoCloseable {

    /** Publishes a set already committed (after a commit or an autocommit write). Never throws. */
    void publish(Footprint footprint);

    /** Tells the other nodes to drop every entry: the application flushed this node's cache. Never throws. */
    void publishFlush();

    /**
     * Sends a set inside the committing transaction, before its commit, where the bus can (PostgreSQL: it is then
     * delivered exactly when the commit succeeds). Returns true when it did: the set is then not published after
     * the commit. Elsewhere, or when it could not, returns false and changes nothing. Never throws.
     */
    boolean beforeCommit(Connection committing, Footprint footprint);

    /** Random per process and cache: a node skips its own messages. */
    String senderId();

    BusStatistics statistics();

    /** The {@link InvalidationMessage#id} of the last message this node numbered ("0": none yet). */
    String lastMessageId();

    /** Runs {@code listener} on the listening thread after each message from another node is applied (tests). */
    void onApplied(Consumer<InvalidationMessage> listener);

    /** Stops listening and publishing; the cache stays deaf (it can no longer be sure it hears). */
    @Override
    void close();
}
