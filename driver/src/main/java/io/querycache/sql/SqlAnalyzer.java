package io.querycache.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.querycache.cache.Footprint;
import io.querycache.sql.SqlAnalysis.Role;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    private SqlAnalysis compute(String sql, boolean callable) {
        SqlScan scan = HintLexer.scan(sql, dialect);
        Hint hint = scan.hint();
        String firstKeyword = scan.firstKeyword();
        boolean implicitCommit = firstKeyword != null && IMPLICIT_COMMIT.contains(firstKeyword);
        if (hint == null && !callable && !scan.multipleStatements() && firstKeyword != null
                && PLAIN_READS.contains(firstKeyword) && !SessionCommands.changesSession(sql)) {
            return new SqlAnalysis(sql, Role.PASS_THROUGH, null, scan.error(), Footprint.NONE, Footprint.NONE,
                    null, false, null);
        }
        StatementInfo info = StatementClassifier.classify(sql, scan, callable);
        List<String> keys = hint == null ? List.of() : hint.keys();
        if (info.sessionCommand() != null) {
            return sessionCommand(sql, scan, info, implicitCommit);
        }
        SessionCommand unfollowed = SessionCommands.severalStatements(sql, scan);
        if (unfollowed != null) {
            SqlAnalysis write = write(sql, scan, info, implicitCommit);
            return new SqlAnalysis(sql, Role.WRITE, write.hint(), write.hintError(), Footprint.NONE,
                    write.invalidates(), null, implicitCommit, null, unfollowed);
        }
        switch (info.kind()) {
            case QUERY:
                if (hint == null) {
                    return passThrough(sql, scan);
                }
                return new SqlAnalysis(sql, Role.CACHEABLE_QUERY, hint, null,
                        Footprint.of(keys, info.readTables(), !info.readTablesKnown()), Footprint.NONE, null, false,
                        info.volatileFunction());
            case UNCACHEABLE_READ:
                if (!info.writtenTables().isEmpty() || !info.writtenTablesKnown()) {
                    return write(sql, scan, info, implicitCommit);
                }
                if (hint == null) {
                    return passThrough(sql, scan);
                }
                return new SqlAnalysis(sql, Role.UNCACHEABLE_READ, hint, null, Footprint.NONE, Footprint.NONE, null,
                        false, null);
            case WRITE:
                return write(sql, scan, info, implicitCommit);
            case TRANSACTION:
                return new SqlAnalysis(sql, Role.TRANSACTION, hint, scan.error(), Footprint.NONE, Footprint.NONE,
                        info.transactionCommand(), false, null, SessionCommand.of(info.transactionCommand()));
            default:
                return passThrough(sql, scan);
        }
    }

    private SqlAnalysis sessionCommand(String sql, SqlScan scan, StatementInfo info, boolean implicitCommit) {
        SessionCommand command = info.sessionCommand();
        switch (info.kind()) {
            case WRITE:
                SqlAnalysis write = write(sql, scan, info, implicitCommit);
                return new SqlAnalysis(sql, Role.WRITE, write.hint(), write.hintError(), Footprint.NONE,
                        write.invalidates(), null, false, null, command);
            case TRANSACTION:
                return new SqlAnalysis(sql, Role.TRANSACTION, scan.hint(), scan.error(), Footprint.NONE,
                        Footprint.NONE, info.transactionCommand(), false, null, command);
            default:
                return new SqlAnalysis(sql, Role.PASS_THROUGH, scan.hint(), scan.error(), Footprint.NONE,
                        Footprint.NONE, null, false, null, command);
        }
    }

    private static SqlAnalysis passThrough(String sql, SqlScan scan) {
        return new SqlAnalysis(sql, Role.PASS_THROUGH, scan.hint(), scan.error(), Footprint.NONE, Footprint.NONE,
                null, false, null);
    }

    private SqlAnalysis write(String sql, SqlScan scan, StatementInfo info, boolean implicitCommit) {
        Hint hint = scan.hint();
        List<String> keys = hint == null ? List.of() : hint.keys();
        Footprint invalidates;
        if (!autoInvalidate) {
            invalidates = Footprint.of(keys, Set.of(), false);
        } else if (info.writtenTablesKnown()) {
            invalidates = Footprint.of(keys, info.writtenTables(), false);
        } else {
            // Tables unknown: a hint says what the write touches; without one, every table may have changed.
            invalidates = Footprint.of(keys, info.writtenTables(), hint == null);
            if (hint == null) {
                UnknownWrites.adviseOnce(sql);
            }
        }
        return new SqlAnalysis(sql, Role.WRITE, hint, scan.error(), Footprint.NONE, invalidates, null,
                implicitCommit, null);
    }
}
