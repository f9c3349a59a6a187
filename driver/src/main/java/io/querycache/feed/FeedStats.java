package io.querycache.feed;

/** An immutable snapshot of a change feed's state and counters. */
public final class FeedStats {

    private final FeedState state;
    private final long lagMillis;
    private final long transactions;
    private final long changes;
    private final long connects;
    private final String lastProblem;

    FeedStats(FeedState state, long lagMillis, long transactions, long changes, long connects, String lastProblem) {
        this.state = state;
        this.lagMillis = lagMillis;
        this.transactions = transactions;
        this.changes = changes;
        this.connects = connects;
        this.lastProblem = lastProblem;
    }

    public FeedState state() { return state; }

    /** Now minus the commit time of the last transaction applied, when it was applied; 0 when caught up. */
    public long lagMillis() { return lagMillis; }

    /** Committed transactions applied (each invalidated what it touched). */
    public long transactions() { return transactions; }

    /** Row changes, truncates and DDL statements read. */
    public long changes() { return changes; }

    /** Successful subscriptions: 1 after the start, one more after each reconnect. */
    public long connects() { return connects; }

    /** Why the feed was last disconnected or deaf, or null. */
    public String lastProblem() { return lastProblem; }

    @Override
    public String toString() {
        return "FeedStats{" + state + ", lag=" + lagMillis + "ms, transactions=" + transactions + ", changes="
                + changes + ", connects=" + connects + (lastProblem == null ? "" : ", lastProblem=" + lastProblem)
                + "}";
    }
}
