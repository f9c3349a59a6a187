package io.querycache.micrometer;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Micrometer is optional (SPEC 10, 11): the driver caches without it, and only its own package refers to it. */
class WithoutMicrometerTest {

    /** The driver's classes, Caffeine, JSqlParser and H2, and nothing else (the JDK's platform classes aside). */
    static final class DriverAlone extends URLClassLoader {
        DriverAlone() throws Exception {
            super(urls(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] urls() throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String name = new File(entry).getName();
                if (entry.endsWith(Paths.get("target", "classes").toString()) || name.startsWith("caffeine-")
                        || name.startsWith("jsqlparser-") || name.startsWith("h2-")) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
            assertThat(urls).as("driver classes, Caffeine, JSqlParser, H2").hasSize(4);
            return urls.toArray(new URL[0]);
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void theDriverServesHitsWithoutMicrometerOnTheClassPath() throws Exception {
        try (DriverAlone loader = new DriverAlone()) {
            assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class.forName("org.h2.Driver", true, loader);
            Driver driver = (Driver) loader.loadClass("io.querycache.QueryCacheDriver").getDeclaredConstructor()
                    .newInstance();
            Properties p = new Properties();
            p.setProperty("querycache.name", "without-micrometer");
            try (Connection c = driver.connect("jdbc:querycache:h2:mem:withoutmicrometer", p);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(id INT)");
                s.execute("INSERT INTO t VALUES (7)");
                for (int i = 0; i < 2; i++) {
                    try (ResultSet rs = s.executeQuery("/*cache:t*/ SELECT id FROM t")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(7);
                    }
                }
                s.executeUpdate("UPDATE t SET id = 8");
                // Through the interface: the cache's own class is not public.
                Class<?> api = loader.loadClass("io.querycache.QueryCache");
                Object cache = c.unwrap(api);
                Object stats = api.getMethod("stats").invoke(cache);
                assertThat(stats.getClass().getMethod("hits").invoke(stats)).isEqualTo(1L);
                assertThat((List<?>) api.getMethod("statementStats").invoke(cache)).hasSize(1);
                api.getMethod("close").invoke(cache);
            }
            assertThat(loader.loaded("io.querycache.micrometer.QueryCacheMetrics")).isFalse();
            assertThatThrownBy(() -> Class.forName("io.querycache.micrometer.QueryCacheMetrics", true, loader))
                    .as("the binder itself needs Micrometer").isInstanceOf(NoClassDefFoundError.class);
        }
    }

    @Test
    void noDriverClassOutsideItsMicrometerPackageRefersToMicrometer() throws IOException {
        Path classes = Paths.get(QueryCacheMetrics.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path own = classes.resolve(Paths.get("io", "querycache", "micrometer"));
        List<String> referring;
        try (Stream<Path> files = Files.walk(classes)) {
            referring = files.filter(f -> f.toString().endsWith(".class") && !f.startsWith(own))
                    .filter(WithoutMicrometerTest::refersToMicrometer)
                    .map(f -> classes.relativize(f).toString())
                    .collect(Collectors.toList());
        }
        assertThat(referring).isEmpty();
        assertThat(refersToMicrometer(own.resolve("QueryCacheMetrics.class"))).as("the check can fail").isTrue();
    }

    /** A class refers to another through its constant pool, where class names are plain UTF-8. */
    private static boolean refersToMicrometer(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("io/micrometer/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
