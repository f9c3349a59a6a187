package io.querycache;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 13: a redeployed application leaves nothing that holds its class loader. The driver and its dependencies
 * are loaded as a web application's {@code WEB-INF/lib} would be, in a loader of their own; the test uses them,
 * undeploys the way docs/lifecycle.md says, and proves the loader is collected.
 */
class RedeployTest {

    private static final long GC_BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void anUndeployedApplicationsClassLoaderIsCollected() throws Exception {
        WeakReference<ClassLoader> application = deployUseAndUndeploy();

        long deadline = System.nanoTime() + GC_BOUND_NANOS;
        while (application.get() != null && System.nanoTime() < deadline) {
            System.gc();
            allocate();
        }
        if (application.get() != null) {
            dumpHeap();
        }
        assertThat(application.get()).as("the application's class loader is collected (heap dump in target/ if"
                + " not)").isNull();
    }

    /** Everything the application touches lives in this frame, gone once it returns. */
    private static WeakReference<ClassLoader> deployUseAndUndeploy() throws Exception {
        URLClassLoader loader = new URLClassLoader(applicationClassPath(), ClassLoader.getPlatformClassLoader());
        // The application's own H2, as its WEB-INF/lib would hold it; registers itself with DriverManager.
        Class<?> h2 = Class.forName("org.h2.Driver", true, loader);
        Class<?> querycache = Class.forName("io.querycache.QueryCacheDriver", true, loader);
        Driver driver = (Driver) querycache.getConstructor().newInstance();

        Properties info = new Properties();
        info.setProperty("user", "sa");
        info.setProperty("password", "");
        try (Connection c = driver.connect("jdbc:querycache:h2:mem:redeploy;DB_CLOSE_ON_EXIT=FALSE", info)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(20))");
                s.execute("INSERT INTO items VALUES (1, 'one')");
                for (int i = 0; i < 3; i++) {
                    try (ResultSet rs = s.executeQuery("/*cache:items*/ SELECT name FROM items WHERE id = 1")) {
                        assertThat(rs.next()).isTrue();
                    }
                }
                s.executeUpdate("/*cache:items*/ UPDATE items SET name = 'uno' WHERE id = 1");
                s.executeUpdate("UPDATE items SET name = 'eins' WHERE id = 1");
            }
            Class<?> api = loader.loadClass("io.querycache.QueryCache");
            Object cache = c.unwrap(api);
            api.getMethod("close").invoke(cache); // through the interface: the cache's own class is not public
        }
        assertThat(sharedAnalyzers(loader)).as("the last cache closed: the shared analyses are forgotten").isEmpty();
        // What docs/lifecycle.md asks of an application on undeploy: one call, from the application's classes.
        querycache.getMethod("shutdown").invoke(null);
        h2.getMethod("unload").invoke(null);
        loader.close();
        return new WeakReference<>(loader);
    }

    private static Map<?, ?> sharedAnalyzers(ClassLoader loader) throws ReflectiveOperationException {
        Field shared = loader.loadClass("io.querycache.sql.SqlAnalyzer").getDeclaredField("SHARED");
        shared.setAccessible(true);
        return (Map<?, ?>) shared.get(null);
    }

    /** driver/target/classes and the jars of its runtime dependencies, found on the test class path. */
    private static URL[] applicationClassPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Paths.get(entry);
            String name = path.getFileName().toString();
            boolean mainClasses = name.equals("classes") && Files.isDirectory(path)
                    && path.getParent().getFileName().toString().equals("target");
            if (mainClasses || name.startsWith("caffeine-") || name.startsWith("jsqlparser-")
                    || name.startsWith("h2-")) {
                urls.add(path.toUri().toURL());
            }
        }
        assertThat(urls).hasSize(4);
        return urls.toArray(new URL[0]);
    }

    /** Pressure, so that soft and weak references are cleared and the old generation is collected. */
    private static void allocate() {
        List<byte[]> garbage = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            garbage.add(new byte[1 << 20]);
        }
        garbage.clear();
    }

    private static void dumpHeap() {
        try {
            Path dump = Paths.get("target", "redeploy-leak.hprof");
            Files.deleteIfExists(dump);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
        } catch (Exception e) {
            // The assertion that follows says what matters.
        }
    }
}
