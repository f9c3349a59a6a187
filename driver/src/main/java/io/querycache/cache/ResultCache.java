package io.querycache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.querycache.snapshot.Calibrations;
import io.querycache.sql.Footprint;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One namespace's cache: the entries (a Caffeine store bounded by estimated bytes), the invalidation generations,
 * the loads in flight, and the statistics.
 *
 * <p>Entries are checked against the generations on every read, so invalidating never walks the entries.
 *
 * <p>Expiry is checked here, not by Caffeine: with per-entry expiry Caffeine reads its clock on every lookup, even
 * of an entry that never expires, and that clock read was the largest part of a hit. An entry of a hint with a
 * TTL carries its deadline ({@link CacheEntry#expiredAt}), checked (and, when the TTL slides, pushed back) on
 * every hit; a hit of a hint without one reads no clock. Expired entries that are never read again are swept out
 * by the stores that follow, at most once per {@link #SWEEP_INTERVAL_NANOS}, so they hold memory no longer than
 * an entry that size eviction would have to find.
 *
 * <p>Closed, it holds nothing and stores nothing; its connections see {@link #isClosed()} and pass through.
 */
public final class ResultCache {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    private final String name;
    private final Cache<CacheKey, CacheEntry> store;
    private final Policy<CacheKey, CacheEntry> quietly;
    private final boolean slidingExpiry;
    private final Ticker ticker;
    /** Entries stored with a TTL and not yet removed: while there are none, nothing is swept. */
    private final java.util.concurrent.atomic.AtomicLong entriesWithTtl = new java.util.concurrent.atomic.AtomicLong();
    /** The clock when expired entries were last swept out. */
    private final java.util.concurrent.atomic.AtomicLong lastSweep;
    private final Generations generations = new Generations();
    private final ConcurrentHashMap<CacheKey, CompletableFuture<CacheEntry>> loadsInFlight = new ConcurrentHashMap<>();
    private final CacheStatistics statistics = new CacheStatistics();
    private final TrackedStatements statements = new TrackedStatements();
    /** Replaced by an empty one on close, so a closed cache that connections still reach holds nothing. */
    private volatile Calibrations calibrations;
    private final long maxBytes;
    private final Hearing hearing = new Hearing();
    /** Told of every invalidateAll, e.g. to forget what was read from the database catalog. */
    private final java.util.List<Runnable> invalidateAllListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<Runnable> invalidateAllByApplicationListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<BiPredicate<Connection, Footprint>> beforeCommitListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Told once, when the cache closes, e.g. to release its dependency graph. */
    private final java.util.List<Runnable> closeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when a deafness is logged at WARNING (once until the cache hears again), so that its end is at INFO. */
    private final AtomicBoolean deafnessWarned = new AtomicBoolean();
    /** Whether this cache's MBean is registered; changed by {@link CacheRegistry} under its lock for the name. */
    volatile boolean mbeanRegistered;
    /** The public API's view of this cache, made once by {@link CacheRegistry#view}. */
    volatile Object view;
    /** Told of every invalidation made in this process, e.g. to publish it to other processes (a bus). */
    private final java.util.List<java.util.function.Consumer<Footprint>> invalidationListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param maxBytes      bound on the estimated bytes of all entries
     * @param slidingExpiry true: every hit restarts the entry's TTL; false: the TTL counts from the load
     * @param ticker        the clock (nanoseconds); tests inject a fake one
     */
    public ResultCache(String name, long maxBytes, boolean slidingExpiry, Ticker ticker) {
        this.name = name;
        this.store = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, CacheEntry entry) -> entry.weight())
                // Maintenance runs on the calling threads: no work is handed to a shared pool.
                .executor(Runnable::run)
                .removalListener(this::onRemoval)
                .build();
        this.quietly = store.policy();
        this.slidingExpiry = slidingExpiry;
        this.ticker = ticker;
        this.maxBytes = maxBytes;
        this.calibrations = Calibrations.forCache(maxBytes, this::calibrationsGrew);
        this.lastSweep = new java.util.concurrent.atomic.AtomicLong(ticker.read());
    }

    /** The cache's name: {@code querycache.name}, or the target URL without credentials plus the user. */
    public String name() {
        return name;
    }

    /** What capture learned about the result columns of this cache's queries, by SQL text. */
    public Calibrations calibrations() {
        return calibrations;
    }

    /** The current generation; a load records it before it queries the database. */
    public long generation() {
        return generations.now();
    }

    /**
     * The current entry for the key, or null when there is none, it was invalidated or expired, or the cache
     * may be missing invalidations from outside the process. One lookup in the store, whatever the expiry mode.
     *
     * @param ttlNanos the TTL of the key's hint ({@link CacheEntry#NO_EXPIRY} for none): the hint is part of the
     *                 key's SQL text, so it is the TTL of any entry stored under the key
     */
    public CacheEntry current(CacheKey key, long ttlNanos) {
        if (hearing.deaf()) {
            return null;
        }
        // Recording a read feeds the eviction policy, but costs buffer drains, and the drain rewrites the entry's
        // node, which every reader of a hot entry then misses in its CPU cache: done on one read in sixteen, whose
        // frequency the eviction policy then sees in proportion.
        CacheEntry entry = (ThreadLocalRandom.current().nextInt() & READ_SAMPLE_MASK) == 0
                ? store.getIfPresent(key) : quietly.getIfPresentQuietly(key);
        if (entry == null) {
            return null;
        }
        if (ttlNanos != CacheEntry.NO_EXPIRY && expired(key, entry)) {
            return null;
        }
        long settled = generations.settled();
        if (entry.checkedAt() != settled) {
            // Something was invalidated since the entry was last found current: look its dependencies up.
            if (!generations.isCurrent(entry.dependsOn(), entry.loadStart())) {
                if (store.asMap().remove(key, entry)) {
                    entry.statement.invalidations.increment();
                }
                return null;
            }
            entry.checkedAt(settled);
        }
        return entry;
    }

    /** True when the entry's TTL ran out (it is then removed and counted); else a sliding TTL restarts. */
    private boolean expired(CacheKey key, CacheEntry entry) {
        long now = ticker.read();
        if (entry.expiredAt(now)) {
            expire(key, entry);
            return true;
        }
        if (slidingExpiry) {
            entry.slide(now);
        }
        return false;
    }

    private void expire(CacheKey key, CacheEntry entry) {
        if (store.asMap().remove(key, entry)) {
            statistics.expirations.increment();
        }
    }

    /**
     * Calibrations count within querycache.maxBytes: the entries get what they leave. Run when they grew (rare
     * once the application's queries were each seen); when they shrink, the entries' bound rises at the next.
     */
    private void calibrationsGrew() {
        long left = Math.max(0, maxBytes - calibrations.estimatedBytes());
        store.policy().eviction().ifPresent(e -> e.setMaximum(left));
    }

    /** How often at most the stores look for expired entries that nobody reads any more: one second. */
    static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    /** Removes expired entries, when some entry has a TTL and the last sweep is a while ago. */
    private void sweepExpired(long now) {
        long last = lastSweep.get();
        if (entriesWithTtl.get() > 0 && now - last >= SWEEP_INTERVAL_NANOS && lastSweep.compareAndSet(last, now)) {
            removeExpired(now);
        }
    }

    private void removeExpired(long now) {
        for (java.util.Map.Entry<CacheKey, CacheEntry> e : store.asMap().entrySet()) {
            if (e.getValue().hasTtl() && e.getValue().expiredAt(now)) {
                expire(e.getKey(), e.getValue());
            }
        }
    }

    /** Removes expired entries now, and runs the store's pending maintenance (tests; the MXBean). */
    public void cleanUp() {
        removeExpired(ticker.read());
        store.cleanUp();
    }

    /** {@link #current(CacheKey, long)} of a key whose hint has no TTL. */
    public CacheEntry current(CacheKey key) {
        return current(key, CacheEntry.NO_EXPIRY);
    }

    /** Of the reads, those recorded in the store: one in (mask + 1). */
    private static final int READ_SAMPLE_MASK = 15;

    /** True when nothing the entry depends on was invalidated since its load started. */
    public boolean isCurrent(CacheEntry entry) {
        return generations.isCurrent(entry.dependsOn(), entry.loadStart());
    }

    boolean isCurrent(Footprint dependsOn, long loadStart) {
        return generations.isCurrent(dependsOn, loadStart);
    }

    /**
     * Stores a loaded entry unless an invalidation of its dependencies happened after its load started, or the
     * cache is closed.
     */
    public boolean store(CacheKey key, CacheEntry entry) {
        if (hearing.deaf() || !isCurrent(entry) || closed.get()) {
            if (!hearing.deaf() && !closed.get() && !isCurrent(entry)) {
                statements.of(key.sql()).invalidations.increment();
            }
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("querycache " + name + ": not storing " + key + ", invalidated while it loaded");
            }
            return false;
        }
        CacheKey stored = key.detached();
        entry.statement = statements.of(key.sql());
        entry.statement.bytes.add(entry.weight());
        if (entry.hasTtl()) {
            long now = ticker.read();
            entry.startTtl(now);
            entriesWithTtl.incrementAndGet();
            sweepExpired(now);
        }
        store.put(stored, entry);
        if (closed.get()) {
            // close() ran during the put and may have emptied the store before it: take the entry back out.
            store.asMap().remove(stored, entry);
            return false;
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("querycache " + name + ": stored " + key + " depending on " + entry.dependsOn());
        }
        return true;
    }

    /**
     * Single flight: registers {@code mine} as the load of the key, or returns the load already in flight,
     * which the caller waits for instead of querying the database.
     */
    public CompletableFuture<CacheEntry> joinLoad(CacheKey key, CompletableFuture<CacheEntry> mine) {
        return loadsInFlight.putIfAbsent(key, mine);
    }

    /** Ends a load registered with {@link #joinLoad}; waiters get the entry, or null to query themselves. */
    public void endLoad(CacheKey key, CompletableFuture<CacheEntry> mine, CacheEntry entryOrNull) {
        loadsInFlight.remove(key, mine);
        mine.complete(entryOrNull);
    }

    /** Invalidates what a committed write touched, and tells the listeners (a bus publishes it). */
    public void invalidate(Footprint footprint) {
        invalidate(footprint, true);
    }

    /**
     * Invalidates what a committed write touched; {@code tell} false when the listeners must not hear it again
     * (a bus sent it inside the committing transaction).
     */
    public void invalidate(Footprint footprint, boolean tell) {
        if (footprint.isEmpty() || closed.get()) {
            return;
        }
        generations.invalidate(footprint);
        statistics.keyInvalidations.add(footprint.keys().length);
        statistics.tableInvalidations.add(footprint.tables().length + (footprint.allTables() ? 1 : 0));
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("querycache " + name + ": invalidated " + footprint);
        }
        if (!tell) {
            return;
        }
        for (java.util.function.Consumer<Footprint> listener : invalidationListeners) {
            try {
                listener.accept(footprint);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "querycache " + name + ": a listener of invalidations failed", e);
            }
        }
    }

    /** Invalidates what another process committed (heard on a bus); listeners of {@link #onInvalidate} are not told. */
    public void invalidateFromOutside(Footprint footprint) {
        if (footprint.isEmpty()) {
            return;
        }
        generations.invalidate(footprint);
        statistics.busInvalidations.increment();
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("querycache " + name + ": invalidated from outside " + footprint);
        }
    }

    /** Runs {@code listener} with every footprint invalidated by {@link #invalidate(Footprint)}, after it is. */
    public void onInvalidate(java.util.function.Consumer<Footprint> listener) {
        invalidationListeners.add(listener);
    }

    /** Invalidates every entry whose hint names one of these keys (the application asked). */
    public void invalidate(String... keys) {
        invalidate(Footprint.of(Arrays.asList(requireNames(keys, "key")), java.util.Set.of(), false));
    }

    /** Invalidates every entry whose query reads one of these tables (the application asked). */
    public void invalidateTables(String... tables) {
        invalidate(Footprint.of(java.util.Set.of(), Arrays.asList(requireNames(tables, "table")), false));
    }

    /** Flushes every entry and tells the other processes to (the application asked, or a write's extent is unknown). */
    public void invalidateAll() {
        if (closed.get()) {
            return;
        }
        flush();
        for (Runnable listener : invalidateAllByApplicationListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "querycache " + name + ": a listener of invalidateAll failed", e);
            }
        }
    }

    /** Flushes every entry because another process said so (heard on a bus): not told to the other processes. */
    public void invalidateAllFromOutside() {
        if (closed.get()) {
            return;
        }
        statistics.busInvalidations.increment();
        flush();
    }

    /** Runs {@code listener} after every {@link #invalidateAll()} (not the cache's own flushes, nor those heard). */
    public void onInvalidateAllByApplication(Runnable listener) {
        invalidateAllByApplicationListeners.add(listener);
    }

    /**
     * A transaction is about to commit with these pending invalidations on {@code committing} (the real
     * connection): a bus may send them inside it. True when one did (they are then not told again after it).
     */
    public boolean beforeCommit(Connection committing, Footprint pending) {
        boolean carried = false;
        for (BiPredicate<Connection, Footprint> listener : beforeCommitListeners) {
            try {
                carried |= listener.test(committing, pending);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "querycache " + name + ": a listener of commits failed", e);
            }
        }
        return carried;
    }

    /** Asks {@code listener} before every commit of a transaction with pending invalidations (a bus). */
    public void onBeforeCommit(BiPredicate<Connection, Footprint> listener) {
        beforeCommitListeners.add(listener);
    }

    private void flush() {
        if (closed.get()) {
            return;
        }
        generations.invalidateAll();
        statistics.fullInvalidations.increment();
        store.invalidateAll();
        LOG.fine(() -> "querycache " + name + ": invalidated all entries");
        for (Runnable listener : invalidateAllListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "querycache " + name + ": a listener of invalidateAll failed", e);
            }
        }
    }

    /**
     * A listener of invalidations from outside the process (bus, change feed) may be missing some: flush,
     * and serve no hits and store nothing until every such listener {@link #hears} again.
     */
    public void deaf(Object source, String why) {
        hearing.becameDeaf(source, System.nanoTime());
        if (closed.get()) {
            LOG.fine(() -> "querycache " + name + ": closed, so deaf (" + why + ")");
        } else if (deafnessWarned.compareAndSet(false, true)) {
            LOG.warning("querycache " + name + ": may be missing invalidations (" + why + "): flushed; serving"
                    + " only database reads until it hears again");
        }
        flush();
    }

    /**
     * A listener of invalidations from outside starts: the cache is deaf until it listens, as after {@link #deaf},
     * but that is how every start goes, so it is said at FINE. A problem before it listens is a {@link #deaf}.
     */
    public void deafUntilStarted(Object source, String why) {
        hearing.becameDeaf(source, System.nanoTime());
        LOG.fine(() -> "querycache " + name + ": deaf until it listens (" + why + ")");
        flush();
    }

    /** The listener hears every invalidation again; once all do, the cache is flushed once more and serves. */
    public void hears(Object source) {
        if (hearing.hears(source)) {
            // Loads that began while deaf may have read what a missed invalidation changed: flush, then serve.
            flush();
            hearing.restored(System.nanoTime());
            // INFO ends a deafness that was warned of; the end of a start's is FINE.
            LOG.log(deafnessWarned.getAndSet(false) ? Level.INFO : Level.FINE,
                    "querycache " + name + ": hears every invalidation again; serving hits");
        }
    }

    /** True while some listener of outside invalidations may be missing some. */
    public boolean isDeaf() {
        return hearing.deaf();
    }

    /** Nanoseconds spent deaf so far. */
    public long deafNanos() {
        return hearing.deafNanos(System.nanoTime());
    }

    /** Runs {@code listener} after every {@link #invalidateAll()}. */
    public void onInvalidateAll(Runnable listener) {
        invalidateAllListeners.add(listener);
    }

    /** Runs {@code listener} once when the cache closes; at once when it is closed already. */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (closed.get() && closeListeners.remove(listener)) {
            listener.run();
        }
    }

    /** True once {@link #close()} has begun: connections then pass through. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Drops the entries, leaves the registry and JMX; connections still on it pass through. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Every load in flight started before this tick: none of them can be served, and store() refuses them.
        generations.invalidateAll();
        store.invalidateAll();
        CacheRegistry.release(this);
        for (Runnable listener : closeListeners) {
            if (closeListeners.remove(listener)) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "querycache " + name + ": a listener of close failed", e);
                }
            }
        }
        invalidateAllListeners.clear();
        invalidateAllByApplicationListeners.clear();
        beforeCommitListeners.clear();
        calibrations = new Calibrations();
        calibrationsGrew();
        LOG.fine(() -> "querycache " + name + ": closed");
    }

    /** A consistent snapshot of the cache's counters. */
    public CacheCounts stats() {
        long bytes = store.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return statistics.snapshot(store.estimatedSize(), bytes, calibrations.estimatedBytes());
    }

    /**
     * The hinted statements this cache tracks (at most 256: a new one replaces the least used), most used first.
     */
    public List<StatementCounts> statementStats() {
        return statements.snapshot();
    }

    /** A hit on {@code entry}, which {@link #current} returned for {@code key}. */
    public void hit(CacheKey key, CacheEntry entry) {
        statistics.hits.increment();
        entry.statement.hits.increment();
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("querycache " + name + ": hit " + key);
        }
    }

    public void miss(CacheKey key) {
        statistics.misses.increment();
        statements.of(key.sql()).misses.increment();
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("querycache " + name + ": miss " + key);
        }
    }

    /** A result of the key's statement was loaded from the database in {@code nanos}. */
    public void loaded(CacheKey key, long nanos) {
        statistics.loads.increment();
        statistics.loadNanos.add(nanos);
        statements.of(key.sql()).loaded(nanos);
    }

    public void bypass(BypassReason reason, String sql) {
        statistics.bypass(reason);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("querycache " + name + ": bypass (" + reason + ") " + io.querycache.sql.SqlText.forLog(sql));
        }
    }

    private void onRemoval(CacheKey key, CacheEntry entry, RemovalCause cause) {
        entry.statement.bytes.add(-entry.weight());
        if (entry.hasTtl()) {
            entriesWithTtl.decrementAndGet();
        }
        if (cause == RemovalCause.SIZE) {
            statistics.evictions.increment();
        }
    }

    private static String[] requireNames(String[] names, String what) {
        if (names == null) {
            throw new IllegalArgumentException("querycache: no " + what + " names given");
        }
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("querycache: a " + what + " name is null or blank in "
                        + Arrays.toString(names));
            }
        }
        return names;
    }
}
