package io.querycache.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.querycache.QueryCache;
import io.querycache.QueryCacheStats;
import io.querycache.QueryCacheStats.BypassReason;
import io.querycache.bus.BusStatistics;
import io.querycache.bus.Buses;
import io.querycache.bus.InvalidationBus;
import io.querycache.cache.CacheRegistry;
import io.querycache.cache.ResultCache;
import io.querycache.feed.ChangeFeed;
import io.querycache.feed.ChangeFeeds;
import io.querycache.feed.FeedState;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds one cache's statistics to a Micrometer {@link MeterRegistry}, every meter tagged {@code cache=<name>}
 * (docs/metrics.md lists them). The meters read the cache's counters when the registry publishes: nothing is
 * polled, no thread is started.
 *
 * <pre>{@code
 * new QueryCacheMetrics(QueryCache.of(dataSource)).bindTo(registry);
 * }</pre>
 *
 * <p>The meters of the invalidation bus and the change feed are bound when the cache has them at bind time. The
 * meters hold the cache weakly: once it is closed and gone they read NaN. Micrometer is an optional dependency of
 * the driver; only this package uses it.
 */
public final class QueryCacheMetrics implements MeterBinder {

    private final QueryCache cache;
    private final Iterable<Tag> tags;

    public QueryCacheMetrics(QueryCache cache) {
        this(cache, Tags.empty());
    }

    /** @param tags added to every meter, besides {@code cache} */
    public QueryCacheMetrics(QueryCache cache, Iterable<Tag> tags) {
        if (cache == null) {
            throw new IllegalArgumentException("querycache: QueryCacheMetrics needs a cache, not null");
        }
        this.cache = cache;
        this.tags = Tags.concat(tags, "cache", cache.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "querycache.gets", "hinted executions served from memory", QueryCacheStats::hits,
                "result", "hit");
        counter(registry, "querycache.gets", "hinted executions that found no current entry", QueryCacheStats::misses,
                "result", "miss");
        for (BypassReason reason : BypassReason.values()) {
            counter(registry, "querycache.bypasses", "hinted executions run without the cache",
                    s -> s.bypassesByReason().get(reason), "reason", reason.name().toLowerCase(Locale.ROOT));
        }
        FunctionTimer.builder("querycache.loads", cache, c -> c.stats().loads(), c -> c.stats().totalLoadNanos(),
                        TimeUnit.NANOSECONDS)
                .description("results executed, captured and stored").tags(tags).register(registry);
        counter(registry, "querycache.evictions", "entries removed to stay within querycache.maxBytes",
                QueryCacheStats::evictions);
        counter(registry, "querycache.expirations", "entries removed because their TTL ran out",
                QueryCacheStats::expirations);
        counter(registry, "querycache.invalidations", "hint keys invalidated", QueryCacheStats::keyInvalidations,
                "kind", "key");
        counter(registry, "querycache.invalidations", "tables invalidated", QueryCacheStats::tableInvalidations,
                "kind", "table");
        counter(registry, "querycache.invalidations", "invalidations received from other processes",
                QueryCacheStats::busInvalidations, "kind", "bus");
        counter(registry, "querycache.invalidations", "calls of invalidateAll", QueryCacheStats::fullInvalidations,
                "kind", "full");
        gauge(registry, "querycache.entries", "entries held", QueryCacheStats::entries, null);
        gauge(registry, "querycache.size", "estimated heap held by the entries", QueryCacheStats::estimatedBytes,
                BaseUnits.BYTES);
        gauge(registry, "querycache.calibration.size", "estimated heap held by column calibrations",
                QueryCacheStats::calibrationBytes, BaseUnits.BYTES);
        ResultCache behind = CacheRegistry.behind(cache);
        if (behind != null) {
            bindHearing(registry, behind);
        }
        InvalidationBus bus = Buses.of(cache.name());
        if (bus != null) {
            bindBus(registry, bus.statistics());
        }
        ChangeFeed feed = ChangeFeeds.of(cache);
        if (feed != null) {
            bindFeed(registry, feed);
        }
    }

    private void bindHearing(MeterRegistry registry, ResultCache hearing) {
        Gauge.builder("querycache.deaf", hearing, c -> c.isDeaf() ? 1 : 0)
                .description("1 while the cache may be missing invalidations from outside and serves no hits")
                .tags(tags).register(registry);
        FunctionCounter.builder("querycache.deaf.time", hearing, c -> c.deafNanos() / 1e9)
                .description("time spent deaf").baseUnit("seconds").tags(tags).register(registry);
    }

    private void bindBus(MeterRegistry registry, BusStatistics bus) {
        Gauge.builder("querycache.bus.listening", bus, b -> "listening".equals(b.getState()) ? 1 : 0)
                .description("1 while the bus listens").tags(tags).register(registry);
        busCounter(registry, bus, "querycache.bus.messages", "messages received", BusStatistics::getMessagesIn,
                "direction", "in");
        busCounter(registry, bus, "querycache.bus.messages", "messages published", BusStatistics::getMessagesOut,
                "direction", "out");
        busCounter(registry, bus, "querycache.bus.reconnects", "listening connections opened again",
                BusStatistics::getReconnects);
        busCounter(registry, bus, "querycache.bus.publish.failures", "invalidation sets that could not be published",
                BusStatistics::getPublishFailures);
        busCounter(registry, bus, "querycache.bus.missed", "gaps and unreadable messages, each flushed the cache",
                BusStatistics::getMissedMessages);
    }

    private void busCounter(MeterRegistry registry, BusStatistics bus, String name, String description,
                            ToDoubleFunction<BusStatistics> f, String... extraTags) {
        FunctionCounter.builder(name, bus, f).description(description).tags(tags).tags(extraTags).register(registry);
    }

    private void bindFeed(MeterRegistry registry, ChangeFeed feed) {
        Gauge.builder("querycache.feed.listening", feed, f -> f.stats().state() == FeedState.LISTENING ? 1 : 0)
                .description("1 while the change feed applies every transaction within its maximum lag")
                .tags(tags).register(registry);
        TimeGauge.builder("querycache.feed.lag", feed, TimeUnit.MILLISECONDS, f -> f.stats().lagMillis())
                .description("now minus the commit time of the last transaction applied").tags(tags)
                .register(registry);
        FunctionCounter.builder("querycache.feed.transactions", feed, f -> f.stats().transactions())
                .description("committed transactions applied").tags(tags).register(registry);
        FunctionCounter.builder("querycache.feed.changes", feed, f -> f.stats().changes())
                .description("row changes, truncates and DDL statements read").tags(tags).register(registry);
        FunctionCounter.builder("querycache.feed.connects", feed, f -> f.stats().connects())
                .description("successful subscriptions").tags(tags).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description,
                         ToDoubleFunction<QueryCacheStats> f, String... extraTags) {
        FunctionCounter.builder(name, cache, c -> f.applyAsDouble(c.stats()))
                .description(description).tags(tags).tags(extraTags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<QueryCacheStats> f, String baseUnit) {
        Gauge.builder(name, cache, c -> f.applyAsDouble(c.stats()))
                .description(description).baseUnit(baseUnit).tags(tags).register(registry);
    }
}
