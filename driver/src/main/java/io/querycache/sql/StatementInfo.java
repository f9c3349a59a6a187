package io.querycache.sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What {@link StatementClassifier} found out about one SQL statement. */
final class StatementInfo {

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
        SESSION,
        /**
         * Several statements in one text, each classified in {@link #parts()}. The sets of this info are the
         * unions of the parts' (known only when known for every part).
         */
        MULTIPLE
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
    private final Set<String> calledFunctions;
    private final boolean truncateCascade;
    private final List<StatementInfo> parts;
    private final SessionCommand sessionCommand;

    StatementInfo(Kind kind, Set<String> readTables, boolean readTablesKnown, Set<String> writtenTables,
                  boolean writtenTablesKnown, TransactionCommand transactionCommand, String volatileFunction) {
        this(kind, readTables, readTablesKnown, writtenTables, writtenTablesKnown, transactionCommand,
                volatileFunction, Set.of(), false, List.of(), null);
    }

    private StatementInfo(Kind kind, Set<String> readTables, boolean readTablesKnown, Set<String> writtenTables,
                          boolean writtenTablesKnown, TransactionCommand transactionCommand,
                          String volatileFunction, Set<String> calledFunctions, boolean truncateCascade,
                          List<StatementInfo> parts, SessionCommand sessionCommand) {
        this.kind = kind;
        this.readTables = Set.copyOf(readTables);
        this.readTablesKnown = readTablesKnown;
        this.writtenTables = Set.copyOf(writtenTables);
        this.writtenTablesKnown = writtenTablesKnown;
        this.transactionCommand = transactionCommand;
        this.volatileFunction = volatileFunction;
        this.calledFunctions = Set.copyOf(calledFunctions);
        this.truncateCascade = truncateCascade;
        this.parts = List.copyOf(parts);
        this.sessionCommand = sessionCommand;
    }

    /** Several statements: {@link Kind#MULTIPLE}, with the parts' sets united. */
    static StatementInfo multiple(List<StatementInfo> parts) {
        Set<String> read = new LinkedHashSet<>();
        Set<String> written = new LinkedHashSet<>();
        Set<String> called = new LinkedHashSet<>();
        boolean readKnown = true;
        boolean writtenKnown = true;
        boolean cascade = false;
        String volatileFunction = null;
        for (StatementInfo part : parts) {
            read.addAll(part.readTables);
            written.addAll(part.writtenTables);
            called.addAll(part.calledFunctions);
            readKnown &= part.readTablesKnown;
            writtenKnown &= part.writtenTablesKnown;
            cascade |= part.truncateCascade;
            volatileFunction = volatileFunction != null ? volatileFunction : part.volatileFunction;
        }
        return new StatementInfo(Kind.MULTIPLE, read, readKnown, written, writtenKnown, null, volatileFunction,
                called, cascade, parts, null);
    }

    /** This info with these functions called. */
    StatementInfo withCalledFunctions(Set<String> functions) {
        return new StatementInfo(kind, readTables, readTablesKnown, writtenTables, writtenTablesKnown,
                transactionCommand, volatileFunction, functions, truncateCascade, parts, sessionCommand);
    }

    /** This info as another kind (an executed EXPLAIN ANALYZE of a query is an uncacheable read). */
    StatementInfo withKind(Kind newKind) {
        return new StatementInfo(newKind, readTables, readTablesKnown, writtenTables, writtenTablesKnown,
                transactionCommand, volatileFunction, calledFunctions, truncateCascade, parts, sessionCommand);
    }

    StatementInfo withTruncateCascade() {
        return new StatementInfo(kind, readTables, readTablesKnown, writtenTables, writtenTablesKnown,
                transactionCommand, volatileFunction, calledFunctions, true, parts, sessionCommand);
    }

    private static StatementInfo session(Kind kind, Set<String> writtenTables, TransactionCommand transactionCommand,
                                         SessionCommand command) {
        return new StatementInfo(kind, Set.of(), true, writtenTables, true, transactionCommand, null, Set.of(), false,
                List.of(), command);
    }

    /** A session or transaction command; {@code CREATE TEMP TABLE} is also a write of its table. */
    static StatementInfo of(SessionCommand command) {
        switch (command.action()) {
            case TEMP_TABLE:
                return session(Kind.WRITE, Set.of(command.name()), null, command);
            case BEGIN:
                return session(Kind.TRANSACTION, Set.of(), TransactionCommand.BEGIN, command);
            case COMMIT:
                return session(Kind.TRANSACTION, Set.of(), TransactionCommand.COMMIT, command);
            case ROLLBACK:
                return session(Kind.TRANSACTION, Set.of(), TransactionCommand.ROLLBACK, command);
            case SAVEPOINT:
                return session(Kind.TRANSACTION, Set.of(), TransactionCommand.SAVEPOINT, command);
            case ROLLBACK_TO_SAVEPOINT:
                return session(Kind.TRANSACTION, Set.of(), TransactionCommand.ROLLBACK_TO_SAVEPOINT, command);
            case RELEASE_SAVEPOINT:
                return session(Kind.TRANSACTION, Set.of(), TransactionCommand.RELEASE_SAVEPOINT, command);
            case AUTOCOMMIT:
                return session(Kind.TRANSACTION, Set.of(), Boolean.FALSE.equals(command.flag())
                        ? TransactionCommand.AUTOCOMMIT_OFF : TransactionCommand.AUTOCOMMIT_ON, command);
            case XA_START:
            case XA_END:
            case XA_PREPARE:
            case XA_COMMIT:
            case XA_ROLLBACK:
            case PREPARE_TRANSACTION:
            case COMMIT_PREPARED:
            case ROLLBACK_PREPARED:
                return session(Kind.TRANSACTION, Set.of(), null, command);
            case SEVERAL:
                boolean transaction = command.parts().stream()
                        .anyMatch(p -> p.action() == SessionCommand.Action.AUTOCOMMIT);
                return session(transaction ? Kind.TRANSACTION : Kind.SESSION, Set.of(), null, command);
            default:
                return session(Kind.SESSION, Set.of(), null, command);
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

    /**
     * Lower-case unqualified names of the functions and procedures the statement calls anywhere (CALL/EXEC
     * targets included), built-ins of {@link BuiltinFunctions} left out. What they write is for the caller to
     * find out (catalog, querycache.dependencies).
     */
    public Set<String> calledFunctions() { return calledFunctions; }

    /** True for {@code TRUNCATE ... CASCADE}: tables referencing the truncated ones are emptied too. */
    public boolean truncateCascade() { return truncateCascade; }

    /** For {@link Kind#MULTIPLE}: each statement classified on its own, in order; empty otherwise. */
    public List<StatementInfo> parts() { return parts; }

    @Override
    public String toString() {
        return kind + " read=" + (readTablesKnown ? readTables : "?") + " written="
                + (writtenTablesKnown ? writtenTables : writtenTables + "+?")
                + (transactionCommand == null ? "" : " " + transactionCommand)
                + (volatileFunction == null ? "" : " volatile=" + volatileFunction)
                + (calledFunctions.isEmpty() ? "" : " calls=" + calledFunctions)
                + (truncateCascade ? " cascade" : "")
                + (parts.isEmpty() ? "" : " parts=" + parts);
    }
}
