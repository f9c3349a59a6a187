package io.querycache.cache;

import io.querycache.sql.Footprint;

import java.sql.Connection;

/**
 * One connection's transaction: whether one is open, its isolation, the invalidations its uncommitted writes
 * will need, whether it wrote anything, and the generation at which it began. Not thread-safe, like the
 * connection it belongs to.
 *
 * <p>In autocommit mode a write's footprint is invalidated as soon as the write returns. Inside a
 * transaction (autocommit off, a {@code BEGIN} sent as SQL, or {@code XA START}) footprints accumulate and
 * are invalidated after the commit, discarded on rollback, and invalidated conservatively whenever the
 * outcome is unknown.
 */
public final class TransactionTracker {

    /** The isolation level is not known: assume the strictest consequences of every level. */
    public static final int UNKNOWN_ISOLATION = -1;

    private final ResultCache cache;
    private boolean autoCommit;
    private boolean explicitBlock;
    private boolean xa;
    private long transactionStart = -1;
    private Footprint pending = Footprint.NONE;
    /** What is pending travels inside the commit (a bus sent it): not to be told again after the commit. */
    private boolean pendingCarried;
    private boolean wroteAnything;
    private int sessionIsolation;
    /** Set by {@code SET TRANSACTION ...} or {@code BEGIN ISOLATION LEVEL ...} until the transaction ends. */
    private int transactionIsolation = UNKNOWN_ISOLATION;
    private boolean transactionIsolationSet;
    private boolean consistentSnapshot;
    private boolean readOnly;

    TransactionTracker(ResultCache cache, boolean autoCommit) {
        this(cache, autoCommit, UNKNOWN_ISOLATION);
    }

    TransactionTracker(ResultCache cache, boolean autoCommit, int isolation) {
        this.cache = cache;
        this.autoCommit = autoCommit;
        this.sessionIsolation = isolation;
        if (!autoCommit) {
            transactionStart = cache.generation();
        }
    }

    public boolean inTransaction() {
        return !autoCommit || explicitBlock || xa;
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    public boolean inXa() {
        return xa;
    }

    /** The level in force: the transaction's own if it set one, else the session's. */
    public int isolation() {
        return transactionIsolationSet ? transactionIsolation : sessionIsolation;
    }

    public boolean readUncommitted() {
        return sessionIsolation == Connection.TRANSACTION_READ_UNCOMMITTED
                || transactionIsolationSet && (transactionIsolation == Connection.TRANSACTION_READ_UNCOMMITTED
                || transactionIsolation == UNKNOWN_ISOLATION);
    }

    public boolean readOnly() {
        return readOnly;
    }

    /**
     * False while a load must not be stored: the connection reads uncommitted data, or its open transaction
     * wrote something (its reads may see its own uncommitted rows, whatever tables the write touched).
     */
    public boolean mayStore() {
        return !readUncommitted() && !(wroteAnything && inTransaction());
    }

    /**
     * The generation a load starts at. In a transaction whose snapshot may be as old as the transaction
     * (REPEATABLE READ, SERIALIZABLE, a consistent snapshot, or a level not known) it is the generation at
     * which the transaction began; a READ COMMITTED statement sees what was committed before it started.
     */
    public long loadStart() {
        if (!inTransaction() || !snapshotMayPredateStatement()) {
            return cache.generation();
        }
        if (transactionStart < 0) {
            transactionStart = cache.generation();
        }
        return transactionStart;
    }

    private boolean snapshotMayPredateStatement() {
        int level = isolation();
        return consistentSnapshot || level != Connection.TRANSACTION_READ_COMMITTED
                && level != Connection.TRANSACTION_READ_UNCOMMITTED;
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
        if (inTransaction()) {
            wroteAnything = true;
        }
        if (footprint.isEmpty()) {
            return;
        }
        if (inTransaction()) {
            pending = pending.plus(footprint);
        } else {
            cache.invalidate(footprint);
        }
    }

    /** A statement that may write ran, whatever came of it. */
    public void mayHaveWritten() {
        if (inTransaction()) {
            wroteAnything = true;
        }
    }

    /**
     * A statement that some databases commit implicitly (DDL on MySQL/MariaDB and Oracle) ran inside a
     * transaction: what is pending may be committed already, so invalidate it now and keep it pending.
     */
    public void mayHaveCommitted() {
        cache.invalidate(pending);
    }

    /** {@code BEGIN} or {@code START TRANSACTION} sent as SQL, with the generation read before it ran. */
    public void begun() {
        begun(cache.generation(), UNKNOWN_ISOLATION, false, false);
    }

    /**
     * @param tick      the generation before the BEGIN ran: a consistent snapshot is taken by the BEGIN itself
     * @param isolation the level the BEGIN named, or {@link #UNKNOWN_ISOLATION} when it named none
     */
    public void begun(long tick, int isolation, boolean levelNamed, boolean withConsistentSnapshot) {
        if (inTransaction()) {
            // MySQL commits the open transaction implicitly; PostgreSQL ignores the BEGIN. Keep the older start.
            mayHaveCommitted();
        } else {
            transactionStart = tick;
        }
        if (autoCommit) {
            explicitBlock = true;
        }
        if (levelNamed) {
            transactionIsolation(isolation);
        }
        consistentSnapshot |= withConsistentSnapshot;
    }

    /** {@code XA START}: a transaction whatever the autocommit mode. */
    void xaStarted(long tick) {
        if (!inTransaction()) {
            transactionStart = tick;
        }
        xa = true;
    }

    /**
     * {@code XA PREPARE} or {@code PREPARE TRANSACTION}: the transaction leaves the connection, to be committed
     * or rolled back by its id. Returns what its commit must invalidate.
     */
    public Footprint prepared() {
        Footprint p = pending;
        endTransaction(false);
        return p;
    }

    /** A commit is about to run on {@code real}: what it will invalidate may travel inside it (a bus). */
    public void beforeCommit(Connection real) {
        if (inTransaction() && !pending.isEmpty()) {
            pendingCarried = cache.beforeCommit(real, pending);
        }
    }

    /** A commit returned, or threw so that its outcome is unknown: invalidate what is pending. */
    public void committed() {
        committed(false);
    }

    /** @param chain {@code COMMIT AND CHAIN}: a new transaction of the same characteristics begins at once */
    public void committed(boolean chain) {
        // Carried inside the commit: delivered with it if it happened, and nothing to tell if it did not.
        cache.invalidate(pending, !pendingCarried);
        endTransaction(chain);
    }

    /** A rollback returned: nothing that was pending happened. */
    public void rolledBack() {
        rolledBack(false);
    }

    public void rolledBack(boolean chain) {
        endTransaction(chain);
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
        } else if (!on && autoCommit && !inTransaction()) {
            transactionStart = cache.generation();
        }
        autoCommit = on;
    }

    /** The session's isolation level changed, or {@link #UNKNOWN_ISOLATION}. */
    void sessionIsolation(int level) {
        sessionIsolation = level;
    }

    /** The level of the open (or next) transaction only, or {@link #UNKNOWN_ISOLATION}. */
    void transactionIsolation(int level) {
        transactionIsolation = level;
        transactionIsolationSet = true;
    }

    public void readOnly(boolean on) {
        readOnly = on;
    }

    /** The connection closed or aborted: whatever happened to the open transaction, invalidate it. */
    public void closed() {
        committed();
    }

    private void endTransaction(boolean chain) {
        boolean block = explicitBlock;
        pending = Footprint.NONE;
        pendingCarried = false;
        wroteAnything = false;
        explicitBlock = chain && block;
        xa = false;
        if (!chain) {
            transactionIsolationSet = false;
            transactionIsolation = UNKNOWN_ISOLATION;
            consistentSnapshot = false;
        }
        // The next transaction's snapshot cannot be older than this moment.
        transactionStart = inTransaction() ? cache.generation() : -1;
    }
}
