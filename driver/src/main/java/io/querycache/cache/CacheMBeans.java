package io.querycache.cache;

import io.querycache.QueryCacheMXBean;
import io.querycache.StatementStats;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/** Registers each cache as a JMX MBean; a failure is logged and never breaks a connection. */
final class CacheMBeans {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    private CacheMBeans() {
    }

    static ObjectName objectName(ResultCache cache) throws JMException {
        return new ObjectName("io.querycache:type=QueryCache,name=" + ObjectName.quote(cache.name()));
    }

    /**
     * Registers the cache's MBean. False when JMX failed, or when the name is taken: by another copy of the driver
     * (another application's class loader) whose MBean this cache then must never unregister.
     */
    static boolean register(ResultCache cache) {
        try {
            ObjectName name = objectName(cache);
            if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().registerMBean(new View(cache), name);
                return true;
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "querycache: could not register the JMX MBean of cache " + cache.name(), e);
        }
        return false;
    }

    static void unregister(ResultCache cache) {
        try {
            ObjectName name = objectName(cache);
            if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "querycache: could not unregister the JMX MBean of cache " + cache.name(), e);
        }
    }

    /** The MXBean: a thin view over the cache. */
    static final class View implements QueryCacheMXBean {
        private final ResultCache cache;

        View(ResultCache cache) {
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
    }

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
