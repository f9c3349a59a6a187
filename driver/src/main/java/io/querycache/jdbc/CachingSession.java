package io.querycache.jdbc;

import io.querycache.cache.BypassReason;
import io.querycache.cache.CacheEntry;
import io.querycache.cache.CacheKey;
import io.querycache.cache.ConnectionState;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.cache.TransactionTracker;
import io.querycache.config.QueryCacheConfig;
import io.querycache.error.SqlState;
import io.querycache.dependency.StatementDependencies;
import io.querycache.snapshot.Capture;
import io.querycache.snapshot.SnapshotCapture;
import io.querycache.snapshot.SnapshotResultSet;
import io.querycache.sql.HintSyntaxException;
import io.querycache.sql.SqlAnalysis;
import io.querycache.sql.SqlAnalyzer;
import io.querycache.sql.SqlText;
import io.querycache.sql.SessionCommand;

import java.sql.BatchUpdateException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One connection's use of its cache: serves hinted queries (hit, miss with single flight, or bypass) and
 * reports every statement's outcome to the connection's {@link TransactionTracker}. Not thread-safe, like
 * the connection.
 */
final class CachingSession {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    private final ResultCache cache;
    private final SqlAnalyzer analyzer;
    private final ConnectionState state;
    private final TransactionTracker transaction;
    private final QueryCacheConfig config;
    private final StatementDependencies dependencies;
    /** The query of the last row written through an updatable result set, and what such a write invalidates. */
    private String rowWriteSql;
    private Footprint rowWriteFootprint;

    public CachingSession(ResultCache cache, SqlAnalyzer analyzer, QueryCacheConfig config, ConnectionState state,
                          StatementDependencies dependencies) {
        this.cache = cache;
        this.analyzer = analyzer;
        this.config = config;
        this.state = state;
        this.transaction = state.transaction();
        this.dependencies = dependencies;
    }

    ConnectionState state() {
        return state;
    }

    ResultCache cache() {
        return cache;
    }

    TransactionTracker transaction() {
        return transaction;
    }

    // ---- analysis ----------------------------------------------------------------------------------

    /** Null, as with querycache.enabled=false, once the cache is closed: the statement passes through. */
    SqlAnalysis analyze(String sql) throws SQLException {
        return cache.isClosed() ? null : checkHint(analyzer.analyze(sql));
    }

    SqlAnalysis analyzeCall(String sql) throws SQLException {
        return cache.isClosed() ? null : checkHint(analyzer.analyzeCall(sql));
    }

    private SqlAnalysis checkHint(SqlAnalysis analysis) throws SQLException {
        if (analysis.hintError() != null) {
            if (config.strictHints()) {
                throw new HintSyntaxException(analysis.hintError());
            }
            if (analysis.firstWarning()) {
                LOG.warning("querycache: " + analysis.hintError() + "; running the statement uncached"
                        + " (querycache.strictHints=false): " + SqlText.forLog(analysis.sql()));
            }
            if (analysis.role() == SqlAnalysis.Role.PASS_THROUGH) {
                cache.bypass(BypassReason.MALFORMED_HINT, analysis.sql());
            }
        }
        return analysis;
    }

    // ---- statement outcomes ------------------------------------------------------------------------

    /**
     * Before every execution. What a write changes is worked out now, from the catalog as it is before the
     * write runs (a DROP ... CASCADE removes the very views it invalidates).
     */
    void starting(SqlAnalysis analysis) {
        state.beforeStatement(analysis != null && analysis.role() == SqlAnalysis.Role.TRANSACTION);
        if (analysis != null) {
            resolveWrites(analysis);
            if (commits(analysis)) {
                state.beforeCommit();
            }
        }
    }

    /** {@code COMMIT} or {@code SET autocommit = 1} sent as SQL (not one part of several: those run later). */
    private boolean commits(SqlAnalysis analysis) {
        if (analysis.role() != SqlAnalysis.Role.TRANSACTION) {
            return false;
        }
        SessionCommand command = analysis.sessionCommand();
        return command.action() == SessionCommand.Action.COMMIT
                || command.action() == SessionCommand.Action.AUTOCOMMIT && commitsByAutoCommit(command.flag());
    }

    /** Turning autocommit on ({@code on} TRUE) commits the transaction when autocommit was off. */
    private boolean commitsByAutoCommit(Object on) {
        return Boolean.TRUE.equals(on) && !transaction.autoCommit();
    }

    private void resolveWrites(SqlAnalysis analysis) {
        if (analysis.role() == SqlAnalysis.Role.WRITE) {
            dependencies.writes(analysis);
        } else if (analysis.role() == SqlAnalysis.Role.MULTIPLE) {
            for (SqlAnalysis part : analysis.parts()) {
                resolveWrites(part);
            }
        }
    }

    /** Before a call that is not an SQL statement: it counts as one for the transaction's snapshot. */
    void starting(Execution.Command command, Object argument) {
        state.beforeStatement(false);
        if (command == Execution.Command.COMMIT
                || command == Execution.Command.AUTOCOMMIT && commitsByAutoCommit(argument)) {
            state.beforeCommit();
        }
    }

    /** After a call that is not an SQL statement, whether it {@code succeeded} or threw. */
    void ended(Execution.Command command, Object argument, boolean succeeded) throws SQLException {
        switch (command) {
            case COMMIT:
                state.committed(); // a commit that threw has an unknown outcome: what was pending goes too
                return;
            case CLOSE:
                state.closed();
                return;
            case ROW_WRITE:
                rowWritten((String) argument); // a row write that threw may still have reached the database
                break;
            case AUTOCOMMIT:
                if (!succeeded) {
                    state.autoCommitFailed((Boolean) argument); // turning it on commits: outcome unknown
                    return;
                }
                state.autoCommitChanged((Boolean) argument);
                return;
            default:
                break;
        }
        if (!succeeded) {
            state.statementFailed();
            return;
        }
        switch (command) {
            case ROLLBACK:
                state.rolledBack();
                break;
            case ROLLBACK_TO_SAVEPOINT:
                state.rolledBackToSavepoint();
                break;
            case ISOLATION:
                state.isolationChanged((Integer) argument);
                break;
            case READ_ONLY:
                state.readOnlyChanged((Boolean) argument);
                break;
            case CATALOG:
                state.catalogChanged((String) argument);
                break;
            case SCHEMA:
                state.schemaChanged((String) argument);
                break;
            default:
                break;
        }
    }

    /** Before a batch runs, after {@link #starting}: what each of its writes changes. */
    void startingBatch(Iterable<SqlAnalysis> statements) {
        for (SqlAnalysis analysis : statements) {
            resolveWrites(analysis);
        }
    }

    void succeeded(SqlAnalysis analysis) throws SQLException {
        SessionCommand command = analysis.sessionCommand();
        switch (analysis.role()) {
            case WRITE:
                written(analysis);
                break;
            case MULTIPLE:
                for (SqlAnalysis part : analysis.parts()) {
                    succeeded(part);
                }
                return; // each part applied its own session command
            case UNCACHEABLE_READ:
                cache.bypass(BypassReason.NOT_A_PURE_QUERY, analysis.sql());
                break;
            default:
                break;
        }
        if (command != null) {
            state.apply(command, true);
        }
    }

    void failed(SqlAnalysis analysis, SQLException failure) throws SQLException {
        // A statement that failed changed nothing, unless it was a batch that failed part-way or the
        // connection broke and nobody knows whether it committed.
        failed(analysis, failure instanceof BatchUpdateException || isConnectionLost(failure));
    }

    /** A statement of a batch that failed, with whatever exception: part of the batch may have applied. */
    void batchFailed(SqlAnalysis analysis) throws SQLException {
        failed(analysis, true);
    }

    private void failed(SqlAnalysis analysis, boolean mayHaveApplied) throws SQLException {
        SessionCommand command = analysis.sessionCommand();
        if (analysis.role() == SqlAnalysis.Role.WRITE) {
            transaction.mayHaveWritten();
            state.statementFailed();
            if (mayHaveApplied) {
                written(analysis);
            }
        } else if (analysis.role() == SqlAnalysis.Role.MULTIPLE) {
            // Which of the statements ran is unknown: each write may have applied, a COMMIT or ROLLBACK among
            // them may have ended the transaction, and a session change may have happened.
            transaction.mayHaveWritten();
            state.statementFailed();
            for (SqlAnalysis part : analysis.parts()) {
                if (part.role() == SqlAnalysis.Role.WRITE) {
                    written(part);
                }
            }
            transaction.mayHaveCommitted();
            if (command != null) {
                state.apply(command, true);
            }
        } else if (command != null) {
            state.apply(command, false);
        } else {
            state.statementFailed();
        }
    }

    private void written(SqlAnalysis write) {
        transaction.written(dependencies.writes(write));
        if (write.mayCommitImplicitly() && transaction.inTransaction()) {
            transaction.mayHaveCommitted();
        }
        if (write.changesSchema()) {
            dependencies.refresh();
        }
    }

    /** A row of an updatable result set over {@code sql} was updated, inserted or deleted. */
    private void rowWritten(String sql) {
        if (sql == null) {
            return;
        }
        if (!sql.equals(rowWriteSql)) {
            rowWriteFootprint = config.autoInvalidate() ? dependencies.rowWrites(analyzer.tablesRead(sql))
                    : Footprint.NONE;
            rowWriteSql = sql;
        }
        transaction.written(rowWriteFootprint);
    }

    /**
     * The connection broke (class 08), or the server ended the session while the statement ran (57P01..., as
     * {@code pg_terminate_backend} does): whether the statement committed is unknown.
     */
    private static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    // ---- hinted queries ----------------------------------------------------------------------------

    /**
     * Answers a hinted pure query: from the cache when a current entry exists, else from the database
     * (storing the result when that is safe). Live result sets come back wrapped for {@code owner}.
     *
     * @param key null when a bound parameter cannot be part of a key
     */
    ResultSet query(SqlAnalysis analysis, CacheKey key, ProxyStatement<?> owner, LiveQuery live, int queryTimeout)
            throws SQLException {
        if (analysis.volatileFunction() != null) {
            volatileFunction(analysis);
        }
        BypassReason bypass = bypassReason(analysis, key, owner);
        if (bypass != null) {
            return bypassed(bypass, analysis.sql(), owner, live);
        }
        if (!state.fingerprint().isInitial()) {
            key = key.in(state.fingerprint());
        }
        CacheEntry entry = cache.current(key, analysis.ttlNanos());
        if (entry != null) {
            cache.hit(key, entry);
            return new SnapshotResultSet(entry.snapshot(), owner.resultSetType, owner);
        }
        return miss(analysis, key, owner, live, queryTimeout);
    }

    /** Counts the bypass and answers from the database, the live rows wrapped for {@code owner}. */
    private ResultSet bypassed(BypassReason reason, String sql, ProxyStatement<?> owner, LiveQuery live)
            throws SQLException {
        cache.bypass(reason, sql);
        return ProxyResultSet.wrap(live.run(sql), owner);
    }

    /**
     * No current entry: from the database, storing the result when that is safe. Apart from {@link #query} so
     * that the hit path stays small enough for the JIT to inline.
     */
    private ResultSet miss(SqlAnalysis analysis, CacheKey key, ProxyStatement<?> owner, LiveQuery live,
                           int queryTimeout) throws SQLException {
        String sql = analysis.sql();
        if (cache.isClosed()) {
            // Checked after the lookup, which a closed (empty) cache always misses, to keep it off the hit path.
            return ProxyResultSet.wrap(live.run(sql), owner);
        }
        cache.miss(key);
        BypassReason noStore = transaction.readUncommitted() ? BypassReason.DIRTY_READS
                : !transaction.mayStore() ? BypassReason.PENDING_WRITE : null;
        if (noStore != null) {
            // Committed hits may be served above; what this connection reads now must not be stored.
            return bypassed(noStore, sql, owner, live);
        }
        long loadStart = transaction.loadStart();
        CacheKey stored = key.detached();
        CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
        CompletableFuture<CacheEntry> other = cache.joinLoad(stored, mine);
        if (other != null) {
            CacheEntry loaded = await(other, queryTimeout, sql);
            // Another connection's load may have begun before a commit this read must see: check it.
            if (loaded != null && cache.isCurrent(loaded)) {
                return new SnapshotResultSet(loaded.snapshot(), owner.resultSetType, owner);
            }
            return load(analysis, stored, null, loadStart, owner, live);
        }
        return load(analysis, stored, mine, loadStart, owner, live);
    }

    private BypassReason bypassReason(SqlAnalysis analysis, CacheKey key, ProxyStatement<?> owner) {
        if (key == null) {
            return BypassReason.UNCACHEABLE_PARAMETER;
        }
        if (owner.resultSetConcurrency != ResultSet.CONCUR_READ_ONLY
                || owner.resultSetType == ResultSet.TYPE_SCROLL_SENSITIVE) {
            return BypassReason.RESULT_SET_FEATURES;
        }
        if (transaction.hasPendingWrites() && transaction.dependsOnPendingWrite(dependencies.reads(analysis))) {
            return BypassReason.PENDING_WRITE;
        }
        return null;
    }

    private ResultSet load(SqlAnalysis analysis, CacheKey key, CompletableFuture<CacheEntry> flight, long loadStart,
                           ProxyStatement<?> owner, LiveQuery live) throws SQLException {
        CacheEntry entry = null;
        try {
            long started = System.nanoTime();
            ResultSet rows = live.run(analysis.sql());
            if (!analysis.calledFunctions().isEmpty()) {
                // The query ran the functions it calls, which may have written (stored only if they did not).
                transaction.written(dependencies.writes(analysis));
            }
            Capture capture = SnapshotCapture.capture(rows, config.maxRowsPerEntry(), config.maxBytesPerEntry(),
                    cache.calibrations(), analysis.sql());
            if (capture.snapshot() == null) {
                cache.bypass(capture.stoppedOnUnsafeValue() ? BypassReason.UNSUPPORTED_VALUE : BypassReason.TOO_LARGE,
                        analysis.sql());
                return new ReplayingResultSet(capture, owner);
            }
            rows.close();
            cache.loaded(key, System.nanoTime() - started);
            entry = new CacheEntry(capture.snapshot(), dependencies.reads(analysis), loadStart, analysis.ttlNanos(),
                    key.estimatedBytes());
            cache.store(key, entry);
            return new SnapshotResultSet(entry.snapshot(), owner.resultSetType, owner);
        } finally {
            if (flight != null) {
                cache.endLoad(key, flight, entry);
            }
        }
    }

    /** Waits for another connection's load of the same entry, bounded by the statement's query timeout. */
    private static CacheEntry await(CompletableFuture<CacheEntry> load, int queryTimeout, String sql)
            throws SQLException {
        try {
            return queryTimeout > 0 ? load.get(queryTimeout, TimeUnit.SECONDS) : load.get();
        } catch (TimeoutException e) {
            throw new SQLTimeoutException("querycache: waited " + queryTimeout + " s (the query timeout) for another"
                    + " connection's load of the same result: " + SqlText.forLog(sql),
                    SqlState.QUERY_TIMEOUT.code(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("querycache: interrupted while waiting for another connection's load of the"
                    + " same result", SqlState.QUERY_TIMEOUT.code(), e);
        } catch (ExecutionException e) {
            return null;
        }
    }

    private void volatileFunction(SqlAnalysis analysis) throws SQLException {
        switch (config.volatileFunctions()) {
            case ERROR:
                throw new SQLException("querycache: the hinted query calls the volatile function "
                        + analysis.volatileFunction() + "(), so a cached result would be wrong"
                        + " (querycache.volatileFunctions=error): " + SqlText.forLog(analysis.sql()),
                        SqlState.SYNTAX_ERROR.code());
            case WARN:
                if (analysis.firstWarning()) {
                    LOG.warning("querycache: the hinted query calls the volatile function "
                            + analysis.volatileFunction() + "(); its cached result is served as it was at the"
                            + " load: " + SqlText.forLog(analysis.sql()));
                }
                break;
            default:
                break;
        }
    }
}
