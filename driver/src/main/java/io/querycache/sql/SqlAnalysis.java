package io.querycache.sql;

import java.util.List;
import java.util.Set;

/**
 * Everything the driver needs to know about one SQL text, worked out once and memoized: its hint, what it
 * is (a cacheable query, a write, transaction control...), what a cached result of it depends on, and what
 * it invalidates when it writes.
 */
public final class SqlAnalysis {

    /** {@link #ttlNanos()} of a hint without a TTL: the entry lives until it is invalidated or evicted. */
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    /** What the driver does with the statement. */
    public enum Role {
        /** Sent to the database and nothing else: unhinted reads, session commands. */
        PASS_THROUGH,
        /** A hinted pure query: served from the cache. */
        CACHEABLE_QUERY,
        /** A hinted read that must not be cached (FOR UPDATE, SELECT INTO...): a counted bypass. */
        UNCACHEABLE_READ,
        /** Changes data: invalidates {@link #invalidates()} once committed. */
        WRITE,
        /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT... sent as SQL. */
        TRANSACTION,
        /** Several statements in one text: each of {@link #parts()} acts in order. */
        MULTIPLE
    }

    private final String sql;
    private final Role role;
    private final Hint hint;
    private final String hintError;
    private final Footprint dependsOn;
    private final Footprint invalidates;
    private final StatementInfo.TransactionCommand transactionCommand;
    private final boolean mayCommitImplicitly;
    private final String volatileFunction;
    private final Set<String> calledFunctions;
    private final boolean truncateCascade;
    private final boolean changesSchema;
    private final List<SqlAnalysis> parts;
    private final SessionCommand sessionCommand;
    /** What a layer above keeps for this text, built once (the cache's key of a plain Statement); opaque here. */
    private Object attachment;
    /** Set once the one-per-SQL-text warning (malformed hint, volatile function) has been logged. */
    volatile boolean warned;

    SqlAnalysis(String sql, Role role, Hint hint, String hintError, Footprint dependsOn, Footprint invalidates,
                StatementInfo.TransactionCommand transactionCommand, boolean mayCommitImplicitly,
                String volatileFunction) {
        this(sql, role, hint, hintError, dependsOn, invalidates, transactionCommand, mayCommitImplicitly,
                volatileFunction, Set.of(), false, false, List.of(), null);
    }

    SqlAnalysis(String sql, Role role, Hint hint, String hintError, Footprint dependsOn, Footprint invalidates,
                StatementInfo.TransactionCommand transactionCommand, boolean mayCommitImplicitly,
                String volatileFunction, Set<String> calledFunctions, boolean truncateCascade, boolean changesSchema,
                List<SqlAnalysis> parts, SessionCommand sessionCommand) {
        this.sessionCommand = sessionCommand;
        this.calledFunctions = Set.copyOf(calledFunctions);
        this.truncateCascade = truncateCascade;
        this.changesSchema = changesSchema;
        this.parts = List.copyOf(parts);
        this.sql = sql;
        this.role = role;
        this.hint = hint;
        this.hintError = hintError;
        this.dependsOn = dependsOn;
        this.invalidates = invalidates;
        this.transactionCommand = transactionCommand;
        this.mayCommitImplicitly = mayCommitImplicitly;
        this.volatileFunction = volatileFunction;
    }

    public String sql() { return sql; }

    public Role role() { return role; }

    /** The valid hint, or null (none, or malformed: see {@link #hintError()}). */
    Hint hint() { return hint; }

    /** Why the hint is malformed, or null. */
    public String hintError() { return hintError; }

    /** For a cacheable query: its hint keys and the tables it reads. */
    public Footprint dependsOn() { return dependsOn; }

    /** For a write: its hint keys and, with querycache.autoInvalidate, the tables it writes. */
    public Footprint invalidates() { return invalidates; }

    /** For {@link Role#TRANSACTION}: which command. */
    StatementInfo.TransactionCommand transactionCommand() { return transactionCommand; }

    /** The session or transaction command this text is (SET, USE, BEGIN, XA...), or null. */
    public SessionCommand sessionCommand() { return sessionCommand; }

    /** DDL, which MySQL, MariaDB and Oracle commit implicitly, ending the open transaction. */
    public boolean mayCommitImplicitly() { return mayCommitImplicitly; }

    /**
     * User-defined functions and procedures the statement may call (names the parser did not know as
     * built-ins), lower case: what they read and write comes from the catalog or querycache.dependencies.
     */
    public Set<String> calledFunctions() { return calledFunctions; }

    /** {@code TRUNCATE ... CASCADE}: the tables that reference the truncated ones are emptied too. */
    public boolean truncateCascade() { return truncateCascade; }

    /** CREATE, ALTER, DROP, RENAME...: what was read from the database catalog may no longer hold. */
    public boolean changesSchema() { return changesSchema; }

    /** For {@link Role#MULTIPLE}: the analysis of each statement, in order. */
    public List<SqlAnalysis> parts() { return parts; }

    /** A volatile function the hinted query calls (now, random, nextval...), or null. */
    public String volatileFunction() { return volatileFunction; }

    /** The entry's TTL in nanoseconds, or {@link #NO_EXPIRY}. */
    public long ttlNanos() {
        return hint == null || hint.ttlMillis() == Hint.NO_TTL ? NO_EXPIRY : hint.ttlMillis() * 1_000_000L;
    }

    /** What {@link #attach} kept, or null. */
    public Object attachment() { return attachment; }

    /**
     * Keeps an immutable value (final fields only: it is published without a lock) with this text. A race may
     * attach two equal values; either is kept.
     */
    public void attach(Object value) { attachment = value; }

    /** True the first time it is called for this SQL text (approximately: a race may log twice). */
    public boolean firstWarning() {
        if (warned) {
            return false;
        }
        warned = true;
        return true;
    }
}
