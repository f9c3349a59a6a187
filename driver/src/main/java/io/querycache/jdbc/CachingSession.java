package io.querycache.jdbc;

import io.querycache.QueryCacheStats.BypassReason;
import io.querycache.cache.CacheEntry;
import io.querycache.cache.CacheKey;
import io.querycache.cache.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.cache.TransactionTracker;
import io.querycache.config.QueryCacheConfig;
import io.querycache.config.SqlStates;
import io.querycache.dependency.StatementDependencies;
import io.querycache.snapshot.Capture;
import io.querycache.snapshot.SnapshotCapture;
import io.querycache.snapshot.SnapshotResultSet;
import io.querycache.sql.HintSyntaxException;
import io.querycache.sql.SqlAnalysis;
import io.querycache.sql.SqlAnalyzer;
import io.querycache.sql.SqlText;
import io.querycache.sql.StatementInfo.TransactionCommand;

import java.sql.BatchUpdateException;
import java.sql.Connection;
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
public final class CachingSession {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    private final ResultCache cache;
    private final SqlAnalyzer analyzer;
    private final TransactionTracker transaction;
    private final QueryCacheConfig config;
    private final StatementDependencies dependencies;
    private boolean readUncommitted;
    /** The query of the last row written through an updatable result set, and what such a write invalidates. */
    private String rowWriteSql;
    private Footprint rowWriteFootprint;

    public CachingSession(ResultCache cache, SqlAnalyzer analyzer, QueryCacheConfig config, boolean autoCommit,
                          StatementDependencies dependencies) {
        this.cache = cache;
        this.analyzer = analyzer;
        this.config = config;
        this.dependencies = dependencies;
        this.transaction = new TransactionTracker(cache, autoCommit);
    }

    ResultCache cache() {
        return cache;
    }

    TransactionTracker transaction() {
        return transaction;
    }

    // ---- analysis ----------------------------------------------------------------------------------

    SqlAnalysis analyze(String sql) throws SQLException {
        return checkHint(analyzer.analyze(sql));
    }

    SqlAnalysis analyzeCall(String sql) throws SQLException {
        return checkHint(analyzer.analyzeCall(sql));
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
        transaction.beforeStatement();
        if (analysis != null) {
            resolveWrites(analysis);
        }
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

    /** Before a batch runs: the same as {@link #starting} for each of its statements. */
    void startingBatch(Iterable<SqlAnalysis> statements) {
        transaction.beforeStatement();
        for (SqlAnalysis analysis : statements) {
            resolveWrites(analysis);
        }
    }

    void succeeded(SqlAnalysis analysis) {
        switch (analysis.role()) {
            case WRITE:
                written(analysis);
                break;
            case MULTIPLE:
                for (SqlAnalysis part : analysis.parts()) {
                    succeeded(part);
                }
                break;
            case TRANSACTION:
                transactionCommand(analysis, true);
                break;
            case UNCACHEABLE_READ:
                cache.bypass(BypassReason.NOT_A_PURE_QUERY, analysis.sql());
                break;
            default:
                break;
        }
    }

    void failed(SqlAnalysis analysis, SQLException failure) {
        // A statement that failed changed nothing, unless it was a batch that failed part-way or the
        // connection broke and nobody knows whether it committed.
        failed(analysis, failure instanceof BatchUpdateException || isConnectionLost(failure));
    }

    /** A statement of a batch that failed, with whatever exception: part of the batch may have applied. */
    void batchFailed(SqlAnalysis analysis) {
        failed(analysis, true);
    }

    private void failed(SqlAnalysis analysis, boolean mayHaveApplied) {
        if (analysis.role() == SqlAnalysis.Role.WRITE) {
            if (mayHaveApplied) {
                written(analysis);
            }
        } else if (analysis.role() == SqlAnalysis.Role.TRANSACTION) {
            transactionCommand(analysis, false);
        } else if (analysis.role() == SqlAnalysis.Role.MULTIPLE) {
            // Which of the statements ran is unknown: each write may have applied, and a COMMIT or ROLLBACK
            // among them may have ended the transaction.
            boolean endsTransaction = false;
            for (SqlAnalysis part : analysis.parts()) {
                if (part.role() == SqlAnalysis.Role.WRITE) {
                    written(part);
                } else if (part.role() == SqlAnalysis.Role.TRANSACTION) {
                    endsTransaction = true;
                }
            }
            if (endsTransaction || transaction.inTransaction()) {
                transaction.mayHaveCommitted();
            }
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
    void rowWritten(String sql) {
        if (!sql.equals(rowWriteSql)) {
            rowWriteFootprint = config.autoInvalidate() ? dependencies.rowWrites(analyzer.tablesRead(sql))
                    : Footprint.NONE;
            rowWriteSql = sql;
        }
        transaction.written(rowWriteFootprint);
    }

    private static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private void transactionCommand(SqlAnalysis analysis, boolean succeeded) {
        switch (analysis.transactionCommand()) {
            case BEGIN:
                if (succeeded) {
                    transaction.begun();
                }
                break;
            case COMMIT:
                transaction.committed();
                break;
            case ROLLBACK:
                if (succeeded) {
                    transaction.rolledBack();
                } else {
                    transaction.committed();
                }
                break;
            case ROLLBACK_TO_SAVEPOINT:
                transaction.rolledBackToSavepoint();
                break;
            case AUTOCOMMIT_OFF:
            case AUTOCOMMIT_ON:
                boolean on = analysis.transactionCommand() == TransactionCommand.AUTOCOMMIT_ON;
                if (succeeded) {
                    transaction.autoCommitChanged(on);
                } else if (on && transaction.inTransaction()) {
                    // Turning autocommit on commits; if that failed, its outcome is unknown.
                    transaction.closed();
                }
                break;
            default:
                break;
        }
    }

    void isolationChanged(int level) {
        readUncommitted = level == Connection.TRANSACTION_READ_UNCOMMITTED;
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
        String sql = analysis.sql();
        if (analysis.volatileFunction() != null) {
            volatileFunction(analysis);
        }
        BypassReason bypass = bypassReason(analysis, key, owner);
        if (bypass != null) {
            cache.bypass(bypass, sql);
            return ProxyResultSet.wrap(live.run(sql), owner);
        }
        CacheEntry entry = cache.current(key);
        if (entry != null) {
            cache.hit(key);
            return new SnapshotResultSet(entry.snapshot(), owner.resultSetType, owner);
        }
        cache.miss(key);
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
        if (readUncommitted) {
            return BypassReason.DIRTY_READS;
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
            cache.loaded(System.nanoTime() - started);
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
                    + " connection's load of the same result: " + SqlText.forLog(sql), SqlStates.QUERY_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("querycache: interrupted while waiting for another connection's load of the"
                    + " same result", SqlStates.QUERY_TIMEOUT, e);
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
                        SqlStates.SYNTAX_ERROR);
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
