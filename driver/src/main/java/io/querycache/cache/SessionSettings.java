package io.querycache.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session settings one connection changed through the driver, and the {@link SessionFingerprint} they
 * amount to, recomputed on every change (never on a read). Not thread-safe, like the connection.
 *
 * <p>A setting is kept as the last value given to its name, in the order the names were last set: each
 * assignment overwrites the same variables whatever came before, so two sessions with the same list are in
 * the same state, even when two names touch one variable ({@code setSchema} and {@code SET search_path}).
 */
final class SessionSettings {

    static final String NAME_END = "\u0000";
    static final String ENTRY_END = "\u0001";

    /** PostgreSQL: a rolled-back transaction also undoes the settings it changed. */
    private final boolean transactional;
    private LinkedHashMap<String, String> settings = new LinkedHashMap<>();
    /** A value the driver could not read (an expression), or an undoing it could not follow. */
    private boolean uncertain;
    /** The session created temporary tables: rows no other session has. */
    private boolean temporaryTables;
    /** {@code SET LOCAL} and the like in the open transaction: gone when it ends. */
    private boolean transactionScoped;
    private SessionFingerprint fingerprint = SessionFingerprint.INITIAL;

    private Saved atBegin;
    private boolean changedInTransaction;
    private boolean failedInTransaction;

    SessionSettings(boolean transactional) {
        this.transactional = transactional;
    }

    SessionFingerprint fingerprint() {
        return fingerprint;
    }

    /** @param value null when the value is not known with certainty */
    void set(String name, String value, boolean onlyForTransaction) {
        changedInTransaction = true;
        if (value == null) {
            uncertain = true;
        } else if (onlyForTransaction) {
            transactionScoped = true;
        } else {
            settings.remove(name);
            settings.put(name, value);
        }
        recompute();
    }

    void temporaryTableCreated() {
        changedInTransaction = true;
        temporaryTables = true;
        recompute();
    }

    void temporaryTablesDropped() {
        changedInTransaction = true;
        temporaryTables = false;
        recompute();
    }

    /** PostgreSQL {@code RESET ALL}: every setting back to its default, except the role (not reset by it). */
    void resetAll() {
        changedInTransaction = true;
        LinkedHashMap<String, String> kept = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (name.equals("role") || name.equals("session authorization")) {
                kept.put(name, value);
            }
        });
        settings = kept;
        uncertain = false;
        transactionScoped = false;
        recompute();
    }

    /** {@code DISCARD ALL}: the session as it connected. */
    void discardAll() {
        settings = new LinkedHashMap<>();
        uncertain = false;
        temporaryTables = false;
        transactionScoped = false;
        changedInTransaction = true;
        recompute();
    }

    void transactionBegan() {
        atBegin = new Saved(this);
        changedInTransaction = false;
        failedInTransaction = false;
    }

    /** A statement failed inside the transaction: on PostgreSQL the transaction will roll back. */
    void statementFailed() {
        failedInTransaction = true;
    }

    /** @param committed false for a rollback */
    void transactionEnded(boolean committed) {
        if (changedInTransaction && transactional) {
            if (!committed && atBegin != null) {
                atBegin.restore(this);
            } else if (failedInTransaction || atBegin == null) {
                uncertain = true; // a PostgreSQL COMMIT of a failed transaction rolls it back
            }
        }
        transactionScoped = false;
        atBegin = null;
        changedInTransaction = false;
        failedInTransaction = false;
        recompute();
    }

    /** Part of the transaction was undone; which settings went with it is not followed. */
    void rolledBackToSavepoint() {
        if (changedInTransaction && transactional) {
            uncertain = true;
            recompute();
        }
    }

    private void recompute() {
        if (settings.isEmpty() && !uncertain && !temporaryTables && !transactionScoped) {
            fingerprint = SessionFingerprint.INITIAL;
            return;
        }
        StringBuilder description = new StringBuilder();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            description.append(e.getKey()).append(NAME_END).append(e.getValue()).append(ENTRY_END);
        }
        fingerprint = uncertain || temporaryTables || transactionScoped
                ? SessionFingerprint.unique(description.toString())
                : SessionFingerprint.of(description.toString());
    }

    /** The state at a transaction's start, for PostgreSQL's rollback. */
    private static final class Saved {
        final LinkedHashMap<String, String> settings;
        final boolean uncertain;
        final boolean temporaryTables;

        Saved(SessionSettings s) {
            this.settings = new LinkedHashMap<>(s.settings);
            this.uncertain = s.uncertain;
            this.temporaryTables = s.temporaryTables;
        }

        void restore(SessionSettings s) {
            s.settings = new LinkedHashMap<>(settings);
            s.uncertain = uncertain;
            s.temporaryTables = temporaryTables;
        }
    }
}
