package io.querycache.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** What the hit-versus-floor benchmarks share: an H2 items table, a hinted query already cached, and the floor. */
final class FloorFixture implements AutoCloseable {

    static final String SQL = "SELECT id, name, price, created FROM items WHERE id <= ? ORDER BY id";
    static final String KEY = "SELECT ... WHERE id <= ?";

    final String url = Catalogue.h2();
    final Connection cached;
    /** The hinted query, bound to read that many rows; its result is cached. */
    final PreparedStatement hit;
    /** The same query with a TTL, which slides (the default querycache.expiry): every hit restarts it. */
    final PreparedStatement slidingHit;
    /** The floor: the same rows, prebuilt, under {@link #KEY}. */
    final Cache<String, List<Object[]>> floor = Caffeine.newBuilder().maximumSize(100).build();

    /**
     * The same floor in a store with per-entry expiry, as querycache's is (hints carry TTLs): Caffeine then reads
     * the clock on every lookup, even of an entry that never expires. Not a floor querycache is measured against;
     * it shows what that clock read costs.
     */
    final Cache<String, List<Object[]>> expiringFloor = Caffeine.newBuilder().maximumSize(100)
            .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<String, List<Object[]>>() {
                @Override
                public long expireAfterCreate(String key, List<Object[]> value, long currentTime) {
                    return Long.MAX_VALUE;
                }

                @Override
                public long expireAfterUpdate(String key, List<Object[]> value, long currentTime, long duration) {
                    return duration;
                }

                @Override
                public long expireAfterRead(String key, List<Object[]> value, long currentTime, long duration) {
                    return duration;
                }
            }).build();

    FloorFixture(int rows, String... properties) throws SQLException {
        try (Connection raw = Catalogue.raw(url)) {
            Catalogue.create(raw, "items", 1000);
        }
        cached = Catalogue.cached(url, properties);
        hit = cached.prepareStatement("/*cache:items*/ " + SQL);
        hit.setInt(1, rows);
        floor.put(KEY, Reads.copy(hit.executeQuery()));
        expiringFloor.put(KEY, floor.getIfPresent(KEY));
        slidingHit = cached.prepareStatement("/*cache:items,10m*/ " + SQL);
        slidingHit.setInt(1, rows);
        Reads.copy(slidingHit.executeQuery());
    }

    List<Object[]> floorRows() {
        return floor.getIfPresent(KEY);
    }

    @Override
    public void close() throws SQLException {
        cached.close();
    }
}
