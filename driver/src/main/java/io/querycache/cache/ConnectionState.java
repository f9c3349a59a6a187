package io.querycache.cache;

import io.querycache.sql.Footprint;
import io.querycache.sql.SessionCommand;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the cache must know about one connection, however it was changed (JDBC methods, SQL, the
 * server's defaults): its transaction ({@link TransactionTracker}) and its session fingerprint
 * ({@link SessionSettings}). Where SQL does not say a value with certainty, the real connection is asked
 * after the command ran. Not thread-safe, like the connection.
 */
public final class ConnectionState {

    private final ResultCache cache;
    private final Connection real;
    private final TransactionTracker transaction;
    private final SessionSettings session;
    /** Transactions this connection prepared (XA, PostgreSQL), by id: what their commit invalidates. */
    private final Map<String, Footprint> prepared = new HashMap<>();
    private long tickBeforeStatement;

    /**
     * @param real                  asked for what SQL does not state, and for the server's defaults now
     * @param transactionalSettings PostgreSQL: a rollback undoes the settings its transaction changed
     */
    public ConnectionState(ResultCache cache, Connection real, boolean transactionalSettings) throws SQLException {
        this.cache = cache;
        this.real = real;
        this.transaction = new TransactionTracker(cache, real.getAutoCommit(), isolationOf(real));
        this.session = new SessionSettings(transactionalSettings);
        if (transaction.inTransaction()) {
            session.transactionBegan();
        }
    }

    private static int isolationOf(Connection real) {
        try {
            return real.getTransactionIsolation();
        } catch (SQLException | RuntimeException e) {
            return TransactionTracker.UNKNOWN_ISOLATION;
        }
    }

    public TransactionTracker transaction() {
        return transaction;
    }

    /** The fingerprint of the session as it is now; computed when the session changed. */
    public SessionFingerprint fingerprint() {
        return session.fingerprint();
    }

    /** Before every statement; {@code transactionControl} for one that may begin a transaction. */
    public void beforeStatement(boolean transactionControl) {
        if (transactionControl) {
            tickBeforeStatement = cache.generation();
        }
        transaction.beforeStatement();
    }

    /** A statement failed; inside a PostgreSQL transaction that dooms the transaction. */
    public void statementFailed() {
        if (transaction.inTransaction()) {
            session.statementFailed();
        }
    }

    // ---- JDBC methods ------------------------------------------------------------------------------

    public void committed() {
        transaction.committed();
        transactionEnded(true);
    }

    public void rolledBack() {
        transaction.rolledBack();
        transactionEnded(false);
    }

    public void rolledBackToSavepoint() {
        transaction.rolledBackToSavepoint();
        session.rolledBackToSavepoint();
    }

    public void autoCommitChanged(boolean on) {
        boolean was = transaction.inTransaction();
        transaction.autoCommitChanged(on);
        if (was && !transaction.inTransaction()) {
            session.transactionEnded(true);
        } else if (!was && transaction.inTransaction()) {
            session.transactionBegan();
        }
    }

    /** Turning autocommit on failed inside a transaction: the commit it implied has an unknown outcome. */
    public void autoCommitFailed(boolean on) {
        if (on && transaction.inTransaction()) {
            transaction.closed();
            transactionOutcomeUnknown();
        }
    }

    public void isolationChanged(int level) {
        transaction.sessionIsolation(level);
    }

    public void readOnlyChanged(boolean on) {
        transaction.readOnly(on);
    }

    public void catalogChanged(String catalog) {
        session.set("catalog", String.valueOf(catalog), false);
    }

    public void schemaChanged(String schema) {
        session.set("schema", String.valueOf(schema), false);
    }

    public void closed() {
        transaction.closed();
    }

    /** A commit is about to run: by {@code commit()}, SQL, or turning autocommit on inside a transaction. */
    public void beforeCommit() {
        transaction.beforeCommit(real);
    }

    // ---- SQL ---------------------------------------------------------------------------------------

    /** A session or transaction command ran ({@code succeeded}) or failed. */
    public void apply(SessionCommand command, boolean succeeded) throws SQLException {
        switch (command.action()) {
            case COMMIT:
                // A commit that failed has an unknown outcome: invalidate as if it committed.
                transaction.committed(succeeded && command.chain());
                if (succeeded) {
                    transactionEnded(true);
                } else {
                    transactionOutcomeUnknown();
                }
                return;
            case ROLLBACK:
                if (succeeded) {
                    transaction.rolledBack(command.chain());
                    transactionEnded(false);
                } else {
                    transaction.committed();
                    transactionOutcomeUnknown();
                }
                return;
            case XA_COMMIT:
            case COMMIT_PREPARED:
                commitPrepared(command.name());
                return;
            case XA_ROLLBACK:
            case ROLLBACK_PREPARED:
                if (succeeded) {
                    rollbackPrepared(command.name());
                } else {
                    commitPrepared(command.name());
                }
                return;
            case ROLLBACK_TO_SAVEPOINT:
                rolledBackToSavepoint();
                return;
            case AUTOCOMMIT:
                if (!succeeded) {
                    autoCommitFailed(!Boolean.FALSE.equals(command.flag()));
                    return;
                }
                autoCommitChanged(command.flag() != null ? command.flag() : real.getAutoCommit());
                return;
            default:
                break;
        }
        if (!succeeded) {
            statementFailed();
            return;
        }
        switch (command.action()) {
            case BEGIN:
                boolean was = transaction.inTransaction();
                transaction.begun(tickBeforeStatement, command.isolation(),
                        command.isolation() != SessionCommand.UNKNOWN_ISOLATION, command.consistentSnapshot());
                if (command.flag() != null) {
                    transaction.readOnly(command.flag());
                }
                if (!was) {
                    session.transactionBegan();
                }
                break;
            case XA_START:
                boolean before = transaction.inTransaction();
                transaction.xaStarted(tickBeforeStatement);
                if (!before) {
                    session.transactionBegan();
                }
                break;
            case XA_PREPARE:
            case PREPARE_TRANSACTION:
                prepared.merge(command.name(), transaction.prepared(), Footprint::plus);
                session.transactionEnded(true);
                if (transaction.inTransaction()) {
                    session.transactionBegan();
                }
                break;
            case ISOLATION:
                int level = command.isolation();
                if (command.scope() == SessionCommand.Scope.SESSION) {
                    transaction.sessionIsolation(level != SessionCommand.UNKNOWN_ISOLATION ? level : isolationOf(real));
                } else {
                    transaction.transactionIsolation(level);
                }
                break;
            case READ_ONLY:
                transaction.readOnly(Boolean.TRUE.equals(command.flag()));
                break;
            case SETTING:
                session.set(command.name(), command.value(), command.scope() == SessionCommand.Scope.TRANSACTION);
                break;
            case RESET_SETTINGS:
                session.resetAll();
                break;
            case DISCARD_ALL:
                session.discardAll();
                break;
            case DISCARD_TEMP:
                session.temporaryTablesDropped();
                break;
            case TEMP_TABLE:
                session.temporaryTableCreated();
                break;
            case SEVERAL:
                for (SessionCommand part : command.parts()) {
                    apply(part, true);
                }
                break;
            default:
                break; // SAVEPOINT, RELEASE, XA END: nothing changes
        }
    }

    private void commitPrepared(String id) {
        if (transaction.inXa()) {
            transaction.committed(); // XA COMMIT ... ONE PHASE
            transactionEnded(true);
            return;
        }
        Footprint footprint = prepared.remove(id);
        if (footprint != null) {
            cache.invalidate(footprint);
        } else {
            // Prepared by another connection or process: what it wrote is not known here.
            cache.invalidateAll();
        }
    }

    private void rollbackPrepared(String id) {
        if (transaction.inXa()) {
            transaction.rolledBack();
            transactionEnded(false);
            return;
        }
        prepared.remove(id);
    }

    private void transactionOutcomeUnknown() {
        session.statementFailed();
        transactionEnded(true);
    }

    private void transactionEnded(boolean committed) {
        session.transactionEnded(committed);
        if (transaction.inTransaction()) {
            session.transactionBegan();
        }
    }
}
