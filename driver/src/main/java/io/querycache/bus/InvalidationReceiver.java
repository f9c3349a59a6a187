package io.querycache.bus;

import io.querycache.cache.ResultCache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Applies what other nodes publish to the cache of the same name. Runs on the bus's one listening thread.
 * A message it cannot read, or a gap in a sender's numbers, may hide an invalidation: the cache is flushed
 * (deaf, then hearing again at once, since the flush covers whatever was missed).
 */
final class InvalidationReceiver {

    private final ResultCache cache;
    private final String ownSender;
    private final BusStatistics statistics;
    private final SenderSequences sequences = new SenderSequences();
    private final List<Consumer<InvalidationMessage>> appliedListeners = new CopyOnWriteArrayList<>();

    InvalidationReceiver(ResultCache cache, String ownSender, BusStatistics statistics) {
        this.cache = cache;
        this.ownSender = ownSender;
        this.statistics = statistics;
    }

    /** A new subscription: what came before it is unknown, and covered by the flush of {@code cache.hears}. */
    void subscribed() {
        sequences.forget();
    }

    void received(String payload) {
        statistics.messagesIn.increment();
        InvalidationMessage message;
        try {
            message = InvalidationMessage.decode(payload);
        } catch (InvalidationMessage.MalformedMessage e) {
            missed("a message on the bus could not be read (" + e.getMessage() + ")");
            return;
        }
        if (!message.cache().equals(cache.name()) || message.sender().equals(ownSender)) {
            return;
        }
        // A set sent inside its transaction arrives exactly when that commits, and is numbered by nothing.
        boolean gap = !message.inTransaction()
                && sequences.heard(message.sender(), message.seq()) == SenderSequences.Verdict.GAP;
        if (message.flush()) {
            cache.invalidateAllFromOutside();
        } else {
            cache.invalidateFromOutside(message.footprint());
        }
        if (gap) {
            missed("a gap in the sequence numbers of sender " + message.sender() + " before " + message.seq());
        }
        for (Consumer<InvalidationMessage> listener : appliedListeners) {
            listener.accept(message);
        }
    }

    private void missed(String why) {
        statistics.missedMessages.increment();
        cache.deaf(this, why);
        cache.hears(this);
    }

    void onApplied(Consumer<InvalidationMessage> listener) {
        appliedListeners.add(listener);
    }
}
