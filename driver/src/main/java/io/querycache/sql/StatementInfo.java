package io.querycache.sql;

import java.util.Set;

/** What {@link StatementClassifier} found out about one SQL statement. */
public final class StatementInfo {

    public enum Kind {
        /** A pure query: SELECT, WITH ... SELECT, VALUES, set operations. Cacheable. */
        QUERY,
        /** A read that must not be cached: FOR UPDATE/SHARE, SELECT INTO, a data-modifying CTE. */
        UNCACHEABLE_READ,
        /** Changes data or schema. */
        WRITE,
        /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT... */
        TRANSACTION,
        /** SET, SHOW, EXPLAIN, USE...: neither cacheable nor a write. */
        SESSION
    }

    public enum TransactionCommand {
        BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT,
        /** {@code SET autocommit = 0} (MySQL, MariaDB, H2): the same as {@code setAutoCommit(false)}. */
        AUTOCOMMIT_OFF,
        /** {@code SET autocommit = 1}: the same as {@code setAutoCommit(true)}. */
        AUTOCOMMIT_ON
    }

    private final Kind kind;
    private final Set<String> readTables;
    private final boolean readTablesKnown;
    private final Set<String> writtenTables;
    private final boolean writtenTablesKnown;
    private final TransactionCommand transactionCommand;
    private final String volatileFunction;
    private final SessionCommand sessionCommand;

    StatementInfo(Kind kind, Set<String> readTables, boolean readTablesKnown, Set<String> writtenTables,
                  boolean writtenTablesKnown, TransactionCommand transactionCommand, String volatileFunction) {
        this.kind = kind;
        this.readTables = Set.copyOf(readTables);
        this.readTablesKnown = readTablesKnown;
        this.writtenTables = Set.copyOf(writtenTables);
        this.writtenTablesKnown = writtenTablesKnown;
        this.transactionCommand = transactionCommand;
        this.volatileFunction = volatileFunction;
        this.sessionCommand = null;
    }

    private StatementInfo(Kind kind, Set<String> writtenTables, TransactionCommand transactionCommand,
                          SessionCommand sessionCommand) {
        this.kind = kind;
        this.readTables = Set.of();
        this.readTablesKnown = true;
        this.writtenTables = Set.copyOf(writtenTables);
        this.writtenTablesKnown = true;
        this.transactionCommand = transactionCommand;
        this.volatileFunction = null;
        this.sessionCommand = sessionCommand;
    }

    /** A session or transaction command; {@code CREATE TEMP TABLE} is also a write of its table. */
    static StatementInfo of(SessionCommand command) {
        switch (command.action()) {
            case TEMP_TABLE:
                return new StatementInfo(Kind.WRITE, Set.of(command.name()), null, command);
            case BEGIN:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), TransactionCommand.BEGIN, command);
            case COMMIT:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), TransactionCommand.COMMIT, command);
            case ROLLBACK:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), TransactionCommand.ROLLBACK, command);
            case SAVEPOINT:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), TransactionCommand.SAVEPOINT, command);
            case ROLLBACK_TO_SAVEPOINT:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), TransactionCommand.ROLLBACK_TO_SAVEPOINT, command);
            case RELEASE_SAVEPOINT:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), TransactionCommand.RELEASE_SAVEPOINT, command);
            case AUTOCOMMIT:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), Boolean.FALSE.equals(command.flag())
                        ? TransactionCommand.AUTOCOMMIT_OFF : TransactionCommand.AUTOCOMMIT_ON, command);
            case XA_START:
            case XA_END:
            case XA_PREPARE:
            case XA_COMMIT:
            case XA_ROLLBACK:
            case PREPARE_TRANSACTION:
            case COMMIT_PREPARED:
            case ROLLBACK_PREPARED:
                return new StatementInfo(Kind.TRANSACTION, Set.of(), null, command);
            case SEVERAL:
                boolean transaction = command.parts().stream()
                        .anyMatch(p -> p.action() == SessionCommand.Action.AUTOCOMMIT);
                return new StatementInfo(transaction ? Kind.TRANSACTION : Kind.SESSION, Set.of(), null, command);
            default:
                return new StatementInfo(Kind.SESSION, Set.of(), null, command);
        }
    }

    static StatementInfo of(Kind kind) {
        return new StatementInfo(kind, Set.of(), true, Set.of(), true, null, null);
    }

    static StatementInfo transaction(TransactionCommand command) {
        return new StatementInfo(Kind.TRANSACTION, Set.of(), true, Set.of(), true, command, null);
    }

    static StatementInfo write(Set<String> tables, boolean known) {
        return new StatementInfo(Kind.WRITE, Set.of(), true, tables, known, null, null);
    }

    public Kind kind() { return kind; }

    /** Tables a query reads, normalised (unquoted, unqualified, lower case). */
    public Set<String> readTables() { return readTables; }

    /** False when the query could not be parsed: it may read any table. */
    public boolean readTablesKnown() { return readTablesKnown; }

    /** Tables a write changes, normalised. */
    public Set<String> writtenTables() { return writtenTables; }

    /** False when the write's tables could not all be named (CALL, vendor syntax...). */
    public boolean writtenTablesKnown() { return writtenTablesKnown; }

    /** For {@link Kind#TRANSACTION}. */
    public TransactionCommand transactionCommand() { return transactionCommand; }

    /** The session or transaction command the statement is, or null. */
    public SessionCommand sessionCommand() { return sessionCommand; }

    /** The first volatile function a query calls, lower case, or null. */
    public String volatileFunction() { return volatileFunction; }

    @Override
    public String toString() {
        return kind + " read=" + (readTablesKnown ? readTables : "?") + " written="
                + (writtenTablesKnown ? writtenTables : writtenTables + "+?")
                + (transactionCommand == null ? "" : " " + transactionCommand)
                + (volatileFunction == null ? "" : " volatile=" + volatileFunction);
    }
}
