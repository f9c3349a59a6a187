package io.querycache;

import java.util.ArrayList;
import java.util.List;

/** The MXBean of one cache: a thin view over its {@link QueryCache}. */
final class CacheJmxView implements QueryCacheMXBean {

    private final QueryCache cache;

    CacheJmxView(QueryCache cache) {
        this.cache = cache;
    }

    @Override public long getHits() { return cache.stats().hits(); }

    @Override public long getMisses() { return cache.stats().misses(); }

    @Override public long getEntries() { return cache.stats().entries(); }

    @Override public long getEstimatedBytes() { return cache.stats().estimatedBytes(); }

    @Override public long getCalibrationBytes() { return cache.stats().calibrationBytes(); }

    @Override public long getEvictions() { return cache.stats().evictions(); }

    @Override public long getInvalidations() { return cache.stats().invalidations(); }

    @Override public long getBypasses() { return cache.stats().bypasses(); }

    @Override
    public List<StatementRow> getTopStatements() {
        List<StatementRow> rows = new ArrayList<>();
        for (StatementStats statement : cache.statementStats()) {
            rows.add(new Row(statement));
        }
        return rows;
    }

    @Override public void invalidate(String key) { cache.invalidate(key); }

    @Override public void invalidateTable(String table) { cache.invalidateTables(table); }

    @Override public void invalidateAll() { cache.invalidateAll(); }

    private static final class Row implements QueryCacheMXBean.StatementRow {
        private final StatementStats s;

        Row(StatementStats s) {
            this.s = s;
        }

        @Override public String getSql() { return s.sql(); }

        @Override public long getHits() { return s.hits(); }

        @Override public long getMisses() { return s.misses(); }

        @Override public long getLoads() { return s.loads(); }

        @Override public long getTotalLoadNanos() { return s.totalLoadNanos(); }

        @Override public long getMaxLoadNanos() { return s.maxLoadNanos(); }

        @Override public long getEstimatedBytes() { return s.estimatedBytes(); }

        @Override public long getInvalidations() { return s.invalidations(); }
    }
}
