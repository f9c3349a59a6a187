package io.querycache.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.querycache.sql.SqlAnalysis.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Analyses SQL texts once and memoizes the result in a bounded map, so a repeated statement costs one
 * lookup. One analyzer per dialect and invalidation mode, shared by every connection that has them.
 *
 * <p>An unhinted statement whose first keyword says it only reads (SELECT, VALUES, SHOW...) is never
 * given to the SQL parser: nothing about it needs more than that.
 */
public final class SqlAnalyzer {

    private static final int MEMO_SIZE = 10_000;
    private static final ConcurrentHashMap<String, SqlAnalyzer> SHARED = new ConcurrentHashMap<>();
    private static final Set<String> PLAIN_READS = Set.of("SELECT", "VALUES", "SHOW", "DESCRIBE", "DESC", "TABLE");
    private static final Set<String> IMPLICIT_COMMIT = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME",
            "GRANT", "REVOKE");
    private static final Set<String> NAMESPACES = Set.of("SCHEMA", "DATABASE");
    /** Statements after which what was read from the catalog (keys, views, triggers...) may no longer hold. */
    private static final Set<String> SCHEMA_WORDS = Set.of("CREATE", "DROP", "ALTER", "RENAME");
    private static final Pattern SCHEMA_CHANGE = Pattern.compile("(?i)\\b(CREATE|DROP|ALTER|RENAME)\\b");

    private final Dialect dialect;
    private final boolean autoInvalidate;
    private final Cache<String, SqlAnalysis> statements = memo();
    private final Cache<String, SqlAnalysis> calls = memo();

    private SqlAnalyzer(Dialect dialect, boolean autoInvalidate) {
        this.dialect = dialect;
        this.autoInvalidate = autoInvalidate;
    }

    /** The shared analyzer for a dialect and querycache.autoInvalidate setting. */
    public static SqlAnalyzer of(Dialect dialect, boolean autoInvalidate) {
        return SHARED.computeIfAbsent(dialect + "/" + autoInvalidate, k -> new SqlAnalyzer(dialect, autoInvalidate));
    }

    /**
     * Forgets the shared analyzers and what they memoized, once no cache needs them (the last one closed);
     * connections still open keep theirs, and the next connection makes new ones.
     */
    public static void forgetShared() {
        SHARED.clear();
    }

    private static Cache<String, SqlAnalysis> memo() {
        return Caffeine.newBuilder().maximumSize(MEMO_SIZE).executor(Runnable::run).build();
    }

    /** The analysis of SQL run through a Statement or PreparedStatement. */
    public SqlAnalysis analyze(String sql) {
        SqlAnalysis analysis = statements.getIfPresent(sql);
        if (analysis == null) {
            analysis = compute(sql, false);
            statements.put(sql, analysis);
        }
        return analysis;
    }

    /** The analysis of SQL run through a CallableStatement: never cached, a write unless a hint says less. */
    public SqlAnalysis analyzeCall(String sql) {
        SqlAnalysis analysis = calls.getIfPresent(sql);
        if (analysis == null) {
            analysis = compute(sql, true);
            calls.put(sql, analysis);
        }
        return analysis;
    }

    /**
     * The tables an updatable result set of this query writes through: those the query reads (every table when
     * they cannot be named). Parses; callers remember the answer.
     */
    public Footprint tablesRead(String sql) {
        SqlScan scan = HintLexer.scan(sql, dialect);
        StatementInfo info = StatementClassifier.classify(sql, scan, false);
        if (info.kind() != StatementInfo.Kind.QUERY && info.kind() != StatementInfo.Kind.UNCACHEABLE_READ) {
            return Footprint.of(List.of(), List.of(), true);
        }
        return Footprint.of(List.of(), info.readTables(), !info.readTablesKnown() || info.readTables().isEmpty());
    }

    private SqlAnalysis compute(String sql, boolean callable) {
        SqlScan scan = HintLexer.scan(sql, dialect);
        Hint hint = scan.hint();
        String firstKeyword = scan.firstKeyword();
        if (hint == null && !callable && !scan.multipleStatements() && firstKeyword != null
                && PLAIN_READS.contains(firstKeyword) && !scan.mayCallFunctions()
                && !StatementClassifier.DATA_CHANGE_TABLE.matcher(sql).find() && !SessionCommands.changesSession(sql)) {
            return new SqlAnalysis(sql, Role.PASS_THROUGH, null, scan.error(), Footprint.NONE, Footprint.NONE,
                    null, false, null);
        }
        StatementInfo info = StatementClassifier.classify(sql, scan, callable);
        if (info.kind() == StatementInfo.Kind.MULTIPLE) {
            List<SqlAnalysis> parts = new ArrayList<>();
            boolean changesSession = false;
            for (StatementInfo part : info.parts()) {
                SqlAnalysis analysed = analysis(sql, scan, part, null);
                parts.add(analysed);
                changesSession |= analysed.sessionCommand() != null;
            }
            // Applied part by part when the text succeeds; if it fails, which parts ran is unknown.
            SessionCommand ifFailed = changesSession ? SessionCommands.severalStatements(sql, scan) : null;
            return new SqlAnalysis(sql, Role.MULTIPLE, hint, scan.error(), Footprint.NONE, Footprint.NONE, null,
                    false, null, Set.of(), false, SCHEMA_CHANGE.matcher(sql).find(), parts, ifFailed);
        }
        return analysis(sql, scan, info, firstKeyword);
    }

    /**
     * @param firstKeyword the statement's first keyword, or null for a part of a multi-statement text (which
     *                     is then assumed to change the schema and maybe commit, conservatively)
     */
    private SqlAnalysis analysis(String sql, SqlScan scan, StatementInfo info, String firstKeyword) {
        Hint hint = scan.hint();
        List<String> keys = hint == null ? List.of() : hint.keys();
        switch (info.kind()) {
            case QUERY:
                if (hint == null) {
                    return callsFunctions(info) ? write(sql, scan, info, firstKeyword) : passThrough(sql, scan, info);
                }
                return new SqlAnalysis(sql, Role.CACHEABLE_QUERY, hint, null,
                        Footprint.of(keys, info.readTables(), !info.readTablesKnown()), Footprint.NONE, null, false,
                        info.volatileFunction(), info.calledFunctions(), false, false, List.of(), null);
            case UNCACHEABLE_READ:
                if (!info.writtenTables().isEmpty() || !info.writtenTablesKnown() || callsFunctions(info)) {
                    return write(sql, scan, info, firstKeyword);
                }
                if (hint == null) {
                    return passThrough(sql, scan, info);
                }
                return new SqlAnalysis(sql, Role.UNCACHEABLE_READ, hint, null, Footprint.NONE, Footprint.NONE, null,
                        false, null);
            case WRITE:
                return write(sql, scan, info, firstKeyword);
            case SESSION:
                // SET @x = f() runs f, which may write.
                return callsFunctions(info) ? write(sql, scan, info, firstKeyword) : passThrough(sql, scan, info);
            case TRANSACTION:
                SessionCommand command = info.sessionCommand() != null ? info.sessionCommand()
                        : SessionCommand.of(info.transactionCommand());
                return new SqlAnalysis(sql, Role.TRANSACTION, hint, scan.error(), Footprint.NONE, Footprint.NONE,
                        info.transactionCommand(), false, null, Set.of(), false, false, List.of(), command);
            default:
                return passThrough(sql, scan, info);
        }
    }

    private boolean callsFunctions(StatementInfo info) {
        return autoInvalidate && !info.calledFunctions().isEmpty();
    }

    private static SqlAnalysis passThrough(String sql, SqlScan scan, StatementInfo info) {
        return new SqlAnalysis(sql, Role.PASS_THROUGH, scan.hint(), scan.error(), Footprint.NONE, Footprint.NONE,
                null, false, null, Set.of(), false, false, List.of(), info.sessionCommand());
    }

    private SqlAnalysis write(String sql, SqlScan scan, StatementInfo info, String firstKeyword) {
        Hint hint = scan.hint();
        List<String> keys = hint == null ? List.of() : hint.keys();
        Footprint invalidates;
        if (!autoInvalidate) {
            invalidates = Footprint.of(keys, Set.of(), false);
        } else if (info.writtenTablesKnown()) {
            invalidates = Footprint.of(keys, info.writtenTables(), false);
        } else {
            // Tables unknown: a hint says what the write touches; without one, every table may have changed.
            // Dropping a schema or database drops every table in it, whatever the hint says.
            boolean dropsNamespace = "DROP".equals(firstKeyword)
                    && NAMESPACES.contains(String.valueOf(scan.secondKeyword()));
            invalidates = Footprint.of(keys, info.writtenTables(), hint == null || dropsNamespace);
        }
        boolean part = firstKeyword == null;
        boolean implicitCommit = part || IMPLICIT_COMMIT.contains(firstKeyword);
        boolean schemaChange = part || SCHEMA_WORDS.contains(firstKeyword);
        if (autoInvalidate && !info.writtenTablesKnown() && hint == null) {
            UnknownWrites.adviseOnce(sql, firstKeyword);
        }
        // A text of several statements that could not be split may also have changed the session.
        SessionCommand command = info.sessionCommand() != null || part ? info.sessionCommand()
                : SessionCommands.severalStatements(sql, scan);
        return new SqlAnalysis(sql, Role.WRITE, hint, scan.error(), Footprint.NONE, invalidates, null,
                implicitCommit, null, autoInvalidate ? info.calledFunctions() : Set.of(),
                autoInvalidate && info.truncateCascade(), schemaChange, List.of(), command);
    }
}
