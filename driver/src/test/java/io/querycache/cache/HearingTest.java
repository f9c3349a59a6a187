package io.querycache.cache;

import io.querycache.snapshot.Snapshot;
import io.querycache.snapshot.SnapshotCapture;
import io.querycache.sql.Footprint;
import io.querycache.testing.FakeTicker;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** G4's fail-safe: while a listener of outside invalidations is deaf, no hit is served and nothing stored. */
class HearingTest {

    private final ResultCache cache = new ResultCache("hearing", 1 << 20, true, new FakeTicker());
    private final CacheKey key = new CacheKey("SELECT 1", 0, 0);
    private final Snapshot snapshot = snapshot();

    private static Snapshot snapshot() {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            return SnapshotCapture.capture(rs, 10, 1 << 20).snapshot();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private CacheEntry entry() {
        return new CacheEntry(snapshot, Footprint.of(List.of("k"), Set.of(), false), cache.generation(),
                CacheEntry.NO_EXPIRY, 100);
    }

    @Test
    void aDeafCacheFlushesServesNoHitsAndStoresNothingUntilEveryListenerHears() {
        assertThat(cache.store(key, entry())).isTrue();
        Object bus = new Object();
        Object feed = new Object();
        cache.deaf(bus, "test");
        assertThat(cache.isDeaf()).isTrue();
        assertThat(cache.current(key)).as("flushed").isNull();
        assertThat(cache.store(key, entry())).as("nothing stored while deaf").isFalse();
        cache.deaf(feed, "test");
        cache.hears(bus);
        assertThat(cache.isDeaf()).as("the feed is still deaf").isTrue();
        CacheEntry begunWhileDeaf = entry();
        cache.hears(feed);
        assertThat(cache.isDeaf()).isFalse();
        assertThat(cache.store(key, begunWhileDeaf)).as("a load begun while deaf is not stored").isFalse();
        assertThat(cache.store(key, entry())).isTrue();
        assertThat(cache.current(key)).isNotNull();
    }

    @Test
    void aLoadInvalidatedWhileItRanCountsForItsStatementUnlessTheCacheIsDeafOrClosed() {
        CacheEntry stale = entry();
        cache.invalidate(Footprint.ofKeys("k"));
        assertThat(cache.store(key, stale)).isFalse();
        assertThat(invalidations()).isEqualTo(1);
        cache.deaf(this, "test");
        stale = entry();
        cache.invalidate(Footprint.ofKeys("k"));
        assertThat(cache.store(key, stale)).isFalse();
        cache.hears(this);
        stale = entry();
        cache.invalidate(Footprint.ofKeys("k"));
        cache.close();
        assertThat(cache.store(key, stale)).isFalse();
        assertThat(invalidations()).as("refused for deafness or close, not for an invalidation").isEqualTo(1);
    }

    private long invalidations() {
        return cache.statementStats().stream().filter(s -> s.sql.equals(key.sql()))
                .mapToLong(s -> s.invalidations).sum();
    }

    @Test
    void hearingFromAListenerThatWasNotDeafChangesNothing() {
        cache.hears(new Object());
        assertThat(cache.isDeaf()).isFalse();
        assertThat(cache.store(key, entry())).isTrue();
        assertThat(cache.current(key)).isNotNull();
    }
}
