package io.querycache.feed;

import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.dependency.StatementDependencies;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * One cache's listener of the database's committed change stream (SPEC 8). A daemon thread subscribes, applies
 * each committed transaction at its commit (the tables it touched, closed over the dependency graph) and
 * reconnects when the subscription ends. Fail-safe, never fail-stop: the cache is deaf (no hits) from the start
 * until the feed is subscribed and caught up, whenever it is disconnected, and while it lags more than maxLag.
 *
 * <p>Subclasses speak one database's protocol in {@link #listen()}, on the feed's thread, and report what they
 * read through {@link #touched}, {@link #committed} and {@link #caughtUp}.
 */
public abstract class ChangeFeed implements ChangeFeedMXBean, AutoCloseable {

    static final Logger LOG = Logger.getLogger("io.querycache");
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LAST_RETRY_MILLIS = 5_000;

    private final ResultCache cache;
    private final StatementDependencies dependencies;
    private final long maxLagMillis;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Touched by the feed's thread only. */
    private final TouchedTables transaction = new TouchedTables();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile FeedState state = FeedState.STARTING;
    private volatile long lagMillis;
    private volatile String lastProblem;
    private long retryMillis = FIRST_RETRY_MILLIS;
    /** When the transaction being read committed, if the stream says so before its end; else 0. */
    private long transactionCommitMillis;

    ChangeFeed(String database, ResultCache cache, StatementDependencies dependencies, long maxLagMillis) {
        this.cache = cache;
        this.dependencies = dependencies;
        this.maxLagMillis = maxLagMillis;
        this.thread = new Thread(this::run, "querycache-feed-" + database + " " + cache.name());
        this.thread.setDaemon(true);
    }

    /** Deafens the cache, then starts the thread; the caller does not wait for the subscription. */
    final void start() {
        cache.deafUntilStarted(this, "change feed starting");
        register();
        thread.start();
    }

    /** Connects, checks the server, subscribes and reads until the connection ends or {@link #close()}. */
    abstract void listen() throws Exception;

    /** Called by {@link #close()} from another thread: makes a blocked {@link #listen()} return. */
    abstract void interrupt();

    private void run() {
        while (!isClosed()) {
            String problem;
            try {
                listen();
                problem = "the server ended the replication connection";
            } catch (FeedUnavailable e) {
                problem = e.getMessage();
            } catch (Exception | LinkageError e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (isClosed()) {
                break;
            }
            disconnected(problem);
            try {
                if (closing.await(retryMillis, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
            retryMillis = Math.min(retryMillis * 2, LAST_RETRY_MILLIS);
        }
        state = FeedState.CLOSED;
    }

    final boolean isClosed() {
        return closing.getCount() == 0;
    }

    /** Subscribed: the position the feed reads from is fixed. */
    final void connected() {
        connects.incrementAndGet();
        retryMillis = FIRST_RETRY_MILLIS;
        LOG.fine(() -> "querycache " + cache.name() + ": change feed subscribed (" + getClass().getSimpleName() + ")");
    }

    /** The transaction about to be read committed at this time (PostgreSQL sends it with Begin). */
    final void began(long commitEpochMillis) {
        transactionCommitMillis = commitEpochMillis;
    }

    /** A row change or truncate of the open transaction touched this table. */
    final void touched(String table) {
        transaction.table(Footprint.normaliseTable(table));
        checkLagWithin();
    }

    /** The open transaction touched a relation the feed cannot name. */
    final void touchedUnknown() {
        transaction.unknownTable();
        checkLagWithin();
    }

    /** A huge transaction takes a while to read: deafens the cache as soon as it lags, not only at its end. */
    private void checkLagWithin() {
        if (transactionCommitMillis > 0 && transaction.changes() % 1024 == 0) {
            lag(System.currentTimeMillis() - transactionCommitMillis);
        }
    }

    /** The open transaction changed the schema: everything is invalidated and the dependency graph reloaded. */
    final void schemaChanged() {
        transaction.schemaChange();
    }

    /** The transaction read since the last commit is committed: invalidates what it touched. */
    final void committed(long commitEpochMillis) {
        if (!transaction.isEmpty()) {
            if (transaction.schemaChanged()) {
                cache.invalidateAll(); // also reloads the dependency graph (Connections registers that)
            } else {
                Footprint named = transaction.footprint();
                cache.invalidate(named.allTables() ? named : dependencies.rowWrites(named));
            }
            changes.addAndGet(transaction.changes());
        }
        transaction.clear();
        transactionCommitMillis = 0;
        transactions.incrementAndGet();
        lag(System.currentTimeMillis() - commitEpochMillis);
    }

    /** The transaction read since the last commit will never commit (or was not one): forget it. */
    final void forgetTransaction() {
        transaction.clear();
        transactionCommitMillis = 0;
    }

    /** Everything the server had to send has been applied. */
    final void caughtUp() {
        lag(0);
    }

    private void lag(long millis) {
        lagMillis = Math.max(0, millis);
        if (millis > maxLagMillis) {
            if (state != FeedState.BEHIND) {
                state = FeedState.BEHIND;
                lastProblem = "fell " + millis + " ms behind (querycache.changeFeed.maxLag=" + maxLagMillis + "ms)";
                cache.deaf(this, "change feed " + lastProblem);
            }
        } else if (state != FeedState.LISTENING) {
            state = FeedState.LISTENING;
            cache.hears(this);
        }
    }

    private void disconnected(String problem) {
        transaction.clear();
        boolean news = !problem.equals(lastProblem);
        lastProblem = problem;
        state = FeedState.DISCONNECTED;
        cache.deaf(this, "change feed disconnected: " + problem);
        if (news) {
            LOG.warning("querycache " + cache.name() + ": change feed not listening, retrying: " + problem);
        }
    }

    /**
     * Stops the thread and ends the subscription (a PostgreSQL temporary slot goes with its connection). The
     * cache stays deaf: close the feed with its cache. Idempotent.
     */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        closing.countDown();
        interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = FeedState.CLOSED;
        unregister();
    }

    /** True once the thread has ended (after {@link #close()}). */
    boolean isStopped() {
        return !thread.isAlive();
    }

    public FeedStats stats() {
        return new FeedStats(state, lagMillis, transactions.get(), changes.get(), connects.get(), lastProblem);
    }

    public ResultCache cache() {
        return cache;
    }

    @Override public String getState() { return state.name(); }

    @Override public long getLagMillis() { return lagMillis; }

    @Override public long getDeafMillis() { return TimeUnit.NANOSECONDS.toMillis(cache.deafNanos()); }

    @Override public long getTransactions() { return transactions.get(); }

    @Override public long getChanges() { return changes.get(); }

    @Override public long getConnects() { return connects.get(); }

    @Override public String getLastProblem() { return lastProblem; }

    private ObjectName objectName() throws JMException {
        return new ObjectName("io.querycache:type=ChangeFeed,name=" + ObjectName.quote(cache.name()));
    }

    private void register() {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, objectName());
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "querycache: no JMX MBean for the change feed of " + cache.name(), e);
        }
    }

    private void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName());
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "querycache: could not unregister the change feed MBean of " + cache.name(), e);
        }
    }
}
