package io.querycache.bus;

import io.querycache.sql.Footprint;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Numbers and sends one cache's invalidation sets, in order, from one sender. Sending never throws: a set that
 * could not be sent leaves a flush owed, sent (as the next message) once the transport works again; until then
 * every set is replaced by that flush, so no node misses an invalidation it could have heard.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    /** Sends the payloads, in order. */
    interface Transport {
        void publish(List<String> payloads) throws Exception;
    }

    private final String cache;
    private final String sender;
    private final int maxPayloadBytes;
    private final Transport transport;
    private final BusStatistics statistics;
    private long seq;
    /** Numbers the sets sent inside transactions, apart from {@link #seq}. */
    private long txSeq;
    private String lastId = "0";
    private boolean owesFlush;

    Outbox(String cache, String sender, int maxPayloadBytes, Transport transport, BusStatistics statistics) {
        this.cache = cache;
        this.sender = sender;
        this.maxPayloadBytes = maxPayloadBytes;
        this.transport = transport;
        this.statistics = statistics;
    }

    /** Sends the set on the outbox's own transport. */
    synchronized void send(Footprint footprint) {
        send(footprint, transport);
    }

    /** Tells every node to drop every entry (the application asked for it), in the sequence. */
    synchronized void sendFlush() {
        owesFlush = true;
        payDebt();
    }

    /**
     * Sends the set through the committing transaction, outside the sequence: it is delivered exactly when that
     * transaction commits. Returns false, changing nothing, when it was not sent (a flush is owed, or the
     * transport failed): the set must then be sent after the commit.
     */
    synchronized boolean sendInTransaction(Footprint footprint, Transport through) {
        if (owesFlush) {
            return false;
        }
        List<String> payloads = encode(InvalidationMessage.inTransaction(cache, sender, txSeq + 1, footprint)
                .split(maxPayloadBytes, txSeq + 1));
        try {
            through.publish(payloads);
        } catch (Exception e) {
            LOG.log(Level.FINE, "querycache " + cache + ": an invalidation could not be sent inside the"
                    + " transaction; it is published after the commit", e);
            return false;
        }
        txSeq += payloads.size();
        lastId = "tx" + txSeq;
        statistics.messagesOut.add(payloads.size());
        return true;
    }

    private synchronized void send(Footprint footprint, Transport through) {
        List<InvalidationMessage> messages = owesFlush
                ? List.of(InvalidationMessage.flush(cache, sender, seq + 1))
                : InvalidationMessage.of(cache, sender, seq + 1, footprint).split(maxPayloadBytes, seq + 1);
        seq += messages.size();
        lastId = Long.toString(seq);
        List<String> payloads = encode(messages);
        try {
            through.publish(payloads);
            owesFlush = false;
            statistics.messagesOut.add(payloads.size());
        } catch (Exception e) {
            if (!owesFlush) {
                LOG.log(Level.WARNING, "querycache " + cache + ": could not publish an invalidation (" + e
                        + "); other nodes get a flush once the bus works again");
            }
            owesFlush = true;
            statistics.publishFailures.increment();
        }
    }

    private static List<String> encode(List<InvalidationMessage> messages) {
        List<String> payloads = new ArrayList<>(messages.size());
        for (InvalidationMessage m : messages) {
            payloads.add(m.encode());
        }
        return payloads;
    }

    /** Sends the owed flush, if any (called periodically). */
    synchronized void payDebt() {
        if (owesFlush) {
            send(Footprint.NONE);
        }
    }

    synchronized boolean owesFlush() {
        return owesFlush;
    }

    /** The {@link InvalidationMessage#id} of the last message numbered ("0": none yet). */
    synchronized String lastMessageId() {
        return lastId;
    }
}
