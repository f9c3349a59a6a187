package io.querycache.cache;

/**
 * One connection's view of its transaction: the invalidations its uncommitted writes will need, and the
 * generation at which its transaction began. Not thread-safe, like the connection it belongs to.
 *
 * <p>In autocommit mode a write's footprint is invalidated as soon as the write returns. Inside a
 * transaction (autocommit off, or a {@code BEGIN} sent as SQL) footprints accumulate and are invalidated
 * after the commit, discarded on rollback, and invalidated conservatively whenever the outcome is unknown.
 */
public final class TransactionTracker {

    private final ResultCache cache;
    private boolean autoCommit;
    private boolean explicitBlock;
    private long transactionStart = -1;
    private Footprint pending = Footprint.NONE;

    public TransactionTracker(ResultCache cache, boolean autoCommit) {
        this.cache = cache;
        this.autoCommit = autoCommit;
    }

    public boolean inTransaction() {
        return !autoCommit || explicitBlock;
    }

    /**
     * The generation a load starts at. Inside a transaction it is the generation of the transaction's first
     * statement: a REPEATABLE READ or SERIALIZABLE snapshot can be that old, and for READ COMMITTED the
     * earlier start only makes the staleness check stricter.
     */
    public long loadStart() {
        if (!inTransaction()) {
            return cache.generation();
        }
        if (transactionStart < 0) {
            transactionStart = cache.generation();
        }
        return transactionStart;
    }

    /** Called before every statement, so a transaction's start is known even if its first read is later. */
    public void beforeStatement() {
        if (transactionStart < 0 && inTransaction()) {
            transactionStart = cache.generation();
        }
    }

    /** True when a read with these dependencies could see this transaction's uncommitted writes. */
    public boolean dependsOnPendingWrite(Footprint dependsOn) {
        return !pending.isEmpty() && dependsOn.overlaps(pending);
    }

    public boolean hasPendingWrites() {
        return !pending.isEmpty();
    }

    /** A write succeeded (or partly succeeded, as a failed batch may have). */
    public void written(Footprint footprint) {
        if (footprint.isEmpty()) {
            return;
        }
        if (inTransaction()) {
            pending = pending.plus(footprint);
        } else {
            cache.invalidate(footprint);
        }
    }

    /**
     * A statement that some databases commit implicitly (DDL on MySQL/MariaDB and Oracle) ran inside a
     * transaction: what is pending may be committed already, so invalidate it now and keep it pending.
     */
    public void mayHaveCommitted() {
        cache.invalidate(pending);
    }

    /** {@code BEGIN} or {@code START TRANSACTION} sent as SQL. */
    public void begun() {
        if (autoCommit) {
            explicitBlock = true;
        }
        transactionStart = -1;
    }

    /** A commit returned, or threw so that its outcome is unknown: invalidate what is pending. */
    public void committed() {
        cache.invalidate(pending);
        endTransaction();
    }

    /** A rollback returned: nothing that was pending happened. */
    public void rolledBack() {
        endTransaction();
    }

    /**
     * Rolled back to a savepoint: part of what is pending was undone, the rest still commits later.
     * Invalidate now (conservative) and keep it pending.
     */
    public void rolledBackToSavepoint() {
        cache.invalidate(pending);
    }

    /** {@code setAutoCommit} returned; turning autocommit on inside a transaction commits it. */
    public void autoCommitChanged(boolean on) {
        if (on && !autoCommit) {
            committed();
        } else if (!on && autoCommit) {
            transactionStart = -1;
        }
        autoCommit = on;
    }

    /** The connection closed or aborted: whatever happened to the open transaction, invalidate it. */
    public void closed() {
        committed();
    }

    private void endTransaction() {
        pending = Footprint.NONE;
        explicitBlock = false;
        transactionStart = -1;
    }
}
