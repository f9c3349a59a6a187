package io.querycache.bus;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Jedis is optional: without it on the class path the driver loads and caches, and only a Redis bus is refused. */
class WithoutRedisClientTest {

    /** The test class path less Jedis and its own dependencies. */
    static final class WithoutJedis extends URLClassLoader {
        WithoutJedis() throws Exception {
            super(urls(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] urls() throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.contains(File.separator + "redis" + File.separator)) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
            return urls.toArray(new URL[0]);
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void theDriverCachesWithoutJedisAndLoadsNoBusClassWhenNoBusIsConfigured() throws Exception {
        try (WithoutJedis loader = new WithoutJedis()) {
            assertThatThrownBy(() -> loader.loadClass("redis.clients.jedis.Jedis"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class.forName("org.h2.Driver", true, loader); // registers the H2 of this class loader
            Driver driver = (Driver) loader.loadClass("io.querycache.QueryCacheDriver").getDeclaredConstructor()
                    .newInstance();
            Properties p = new Properties();
            p.setProperty("querycache.name", "without-jedis");
            try (Connection c = driver.connect("jdbc:querycache:h2:mem:withoutjedis", p);
                 Statement s = c.createStatement()) {
                for (int i = 0; i < 2; i++) {
                    try (ResultSet rs = s.executeQuery("/*cache:one,60*/ SELECT 1")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(1);
                    }
                }
            }
            assertThat(loader.loaded("io.querycache.cache.ResultCache")).isTrue();
            assertThat(loader.loaded("io.querycache.bus.RedisBus")).isFalse();
            assertThat(loader.loaded("io.querycache.bus.Buses")).isFalse();

            p.setProperty("querycache.name", "without-jedis-but-redis");
            p.setProperty("querycache.bus", "redis://:hidden@127.0.0.1:6379");
            assertThatThrownBy(() -> driver.connect("jdbc:querycache:h2:mem:withoutjedis", p))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("HY024");
                        assertThat(e.getMessage()).contains("querycache.bus", "Jedis").doesNotContain("hidden");
                    });
        }
    }
}
