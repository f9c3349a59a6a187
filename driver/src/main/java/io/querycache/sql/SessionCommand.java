package io.querycache.sql;

import java.util.Locale;

/**
 * A session or transaction command recognised in SQL text ({@link SessionCommands}): what it does to the
 * connection's transaction and session state. Values the text does not state with certainty are left unknown,
 * so that the connection is asked once the command has run.
 */
public final class SessionCommand {

    /** The level is an expression or otherwise unknown: ask the connection. */
    public static final int UNKNOWN_ISOLATION = -1;

    public enum Action {
        BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT,
        /** {@code SET autocommit}, {@code SET @@session.autocommit}, H2 {@code SET AUTOCOMMIT}. */
        AUTOCOMMIT,
        /** An isolation level for the session, or for the current or next transaction only. */
        ISOLATION,
        /** Read-only for the session, or for the current or next transaction only. */
        READ_ONLY,
        XA_START, XA_END, XA_PREPARE, XA_COMMIT, XA_ROLLBACK,
        /** PostgreSQL {@code PREPARE TRANSACTION 'id'}. */
        PREPARE_TRANSACTION, COMMIT_PREPARED, ROLLBACK_PREPARED,
        /** Any other session setting, including catalog, schema and role: part of the session fingerprint. */
        SETTING,
        /** {@code RESET ALL}: every setting back to its default, temporary tables kept. */
        RESET_SETTINGS,
        /** {@code DISCARD ALL}: the session as it was when it connected. */
        DISCARD_ALL,
        /** {@code DISCARD TEMP}: the session's temporary tables dropped. */
        DISCARD_TEMP,
        /** {@code CREATE TEMP[ORARY] TABLE}: session-private rows. Also a write of {@link #name()}. */
        TEMP_TABLE,
        /** Several assignments in one MySQL {@code SET a = 1, b = 2}: see {@link #parts()}. */
        SEVERAL
    }

    /** Whom an isolation level, read-only mode or setting applies to. */
    public enum Scope { SESSION, TRANSACTION }

    private final Action action;
    private final Scope scope;
    private final boolean chain;
    private final boolean consistentSnapshot;
    private final int isolation;
    private final Boolean flag;
    private final String name;
    private final String value;
    private final java.util.List<SessionCommand> parts;

    private SessionCommand(Action action, Scope scope, boolean chain, boolean consistentSnapshot, int isolation,
                           Boolean flag, String name, String value) {
        this.action = action;
        this.scope = scope;
        this.chain = chain;
        this.consistentSnapshot = consistentSnapshot;
        this.isolation = isolation;
        this.flag = flag;
        this.name = name;
        this.value = value;
        this.parts = java.util.List.of();
    }

    private SessionCommand(java.util.List<SessionCommand> parts) {
        this.action = Action.SEVERAL;
        this.scope = Scope.SESSION;
        this.chain = false;
        this.consistentSnapshot = false;
        this.isolation = UNKNOWN_ISOLATION;
        this.flag = null;
        this.name = null;
        this.value = null;
        this.parts = java.util.List.copyOf(parts);
    }

    static SessionCommand several(java.util.List<SessionCommand> parts) {
        return parts.size() == 1 ? parts.get(0) : new SessionCommand(parts);
    }

    static SessionCommand of(Action action) {
        return new SessionCommand(action, Scope.SESSION, false, false, UNKNOWN_ISOLATION, null, null, null);
    }

    /** The command the classifier's first-keyword reading found (forms this class does not spell out). */
    static SessionCommand of(StatementInfo.TransactionCommand command) {
        switch (command) {
            case BEGIN:
                return begin(UNKNOWN_ISOLATION, null, false);
            case COMMIT:
                return ending(Action.COMMIT, false);
            case ROLLBACK:
                return ending(Action.ROLLBACK, false);
            case SAVEPOINT:
                return of(Action.SAVEPOINT);
            case ROLLBACK_TO_SAVEPOINT:
                return of(Action.ROLLBACK_TO_SAVEPOINT);
            case RELEASE_SAVEPOINT:
                return of(Action.RELEASE_SAVEPOINT);
            case AUTOCOMMIT_OFF:
                return autoCommit(false);
            default:
                return autoCommit(true);
        }
    }

    static SessionCommand ending(Action action, boolean chain) {
        return new SessionCommand(action, Scope.TRANSACTION, chain, false, UNKNOWN_ISOLATION, null, null, null);
    }

    /** @param isolation the level the BEGIN names, or {@link #UNKNOWN_ISOLATION} when it names none */
    static SessionCommand begin(int isolation, Boolean readOnly, boolean consistentSnapshot) {
        return new SessionCommand(Action.BEGIN, Scope.TRANSACTION, false, consistentSnapshot, isolation, readOnly,
                null, null);
    }

    static SessionCommand autoCommit(Boolean on) {
        return new SessionCommand(Action.AUTOCOMMIT, Scope.SESSION, false, false, UNKNOWN_ISOLATION, on, null, null);
    }

    static SessionCommand isolation(Scope scope, int level) {
        return new SessionCommand(Action.ISOLATION, scope, false, false, level, null, null, null);
    }

    static SessionCommand readOnly(Scope scope, boolean on) {
        return new SessionCommand(Action.READ_ONLY, scope, false, false, UNKNOWN_ISOLATION, on, null, null);
    }

    /** A transaction identifier (XA xid, PostgreSQL prepared transaction id). */
    static SessionCommand prepared(Action action, String id) {
        return new SessionCommand(action, Scope.TRANSACTION, false, false, UNKNOWN_ISOLATION, null, id, null);
    }

    /** @param value null when the value is an expression whose result the text does not state */
    static SessionCommand setting(Scope scope, String name, String value) {
        return new SessionCommand(Action.SETTING, scope, false, false, UNKNOWN_ISOLATION, null,
                name.toLowerCase(Locale.ROOT), value);
    }

    static SessionCommand tempTable(String table) {
        return new SessionCommand(Action.TEMP_TABLE, Scope.SESSION, false, false, UNKNOWN_ISOLATION, null, table,
                null);
    }

    public Action action() { return action; }

    public Scope scope() { return scope; }

    /** {@code COMMIT AND CHAIN}, {@code ROLLBACK AND CHAIN}: a new transaction begins at once. */
    public boolean chain() { return chain; }

    /** {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}: the snapshot is taken by this statement. */
    public boolean consistentSnapshot() { return consistentSnapshot; }

    /** A JDBC isolation constant, or {@link #UNKNOWN_ISOLATION}. */
    public int isolation() { return isolation; }

    /** AUTOCOMMIT: on or off, null when unknown. BEGIN, READ_ONLY: read-only or not, null when unsaid. */
    public Boolean flag() { return flag; }

    /** SETTING: the setting's name, lower case. TEMP_TABLE: the table. XA and prepared: the transaction id. */
    public String name() { return name; }

    /** SETTING: its value as written, or null when the text does not state it with certainty. */
    public String value() { return value; }

    /** SEVERAL: the assignments, in order. */
    public java.util.List<SessionCommand> parts() { return parts; }

    @Override
    public String toString() {
        if (action == Action.SEVERAL) {
            return parts.toString();
        }
        return action + (name == null ? "" : " " + name) + (value == null ? "" : "=" + value)
                + (scope == Scope.TRANSACTION && action == Action.SETTING ? " (transaction)" : "")
                + (chain ? " AND CHAIN" : "") + (consistentSnapshot ? " WITH CONSISTENT SNAPSHOT" : "")
                + (isolation == UNKNOWN_ISOLATION ? "" : " isolation=" + isolation)
                + (flag == null ? "" : " " + flag);
    }
}
