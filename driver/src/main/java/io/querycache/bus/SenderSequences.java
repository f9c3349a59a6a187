package io.querycache.bus;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The last sequence number heard from each sender, and the gap rule: a number more than one past the last means
 * a message was missed. A number at or below the last is a late one (PostgreSQL delivers in commit order, which
 * concurrent transactions may not number in order) and is applied like any other. A sender heard for the first
 * time starts anywhere: what it sent before was covered by the flush that ended the listener's deafness.
 */
final class SenderSequences {

    enum Verdict { FIRST, NEXT, GAP, LATE }

    private final ConcurrentHashMap<String, Long> last = new ConcurrentHashMap<>();

    Verdict heard(String sender, long seq) {
        Long previous = last.get(sender);
        if (previous == null) {
            last.put(sender, seq);
            return Verdict.FIRST;
        }
        if (seq <= previous) {
            return Verdict.LATE;
        }
        last.put(sender, seq);
        return seq == previous + 1 ? Verdict.NEXT : Verdict.GAP;
    }

    /** After a reconnection nothing is known of what was missed; every sender starts afresh. */
    void forget() {
        last.clear();
    }
}
