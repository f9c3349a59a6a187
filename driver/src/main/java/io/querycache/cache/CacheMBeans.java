package io.querycache.cache;

import java.lang.management.ManagementFactory;
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
     * Registers the cache's MBean, which the public API makes. False when the API is not bound (a cache made by
     * hand before the driver loaded), when JMX failed, or when the name is taken: by another copy of the driver
     * (another application's class loader) whose MBean this cache then must never unregister.
     */
    static boolean register(ResultCache cache) {
        CacheApi api = CacheRegistry.api();
        if (api == null) {
            return false;
        }
        try {
            ObjectName name = objectName(cache);
            if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().registerMBean(api.mxBean(cache), name);
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
}
