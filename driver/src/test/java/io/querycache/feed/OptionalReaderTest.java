package io.querycache.feed;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver loads and works without the binlog reader (and pgjdbc) when no feed needs them. */
class OptionalReaderTest {

    @Test
    void withoutTheReaderAndNoFeedTheDriverCaches() throws Exception {
        String out = runWithoutOptionalJars("h2:mem:optional", "none", "sa");
        assertThat(out).contains("binlog reader present: false", "pgjdbc present: false", "hits: 1");
    }

    /** Fail-safe, never fail-stop: the application runs, the cache serves no hits, the log says what is missing. */
    @Tag("integration")
    @Test
    void withoutTheReaderAMariadbFeedKeepsTheCacheDeafAndSaysWhy() throws Exception {
        String out = runWithoutOptionalJars(MariadbChangeFeedTest.URL, "replication", "root");
        assertThat(out).contains("binlog reader present: false", "hits: 0", "deaf: true")
                .containsPattern("feed problem: .*(mysql-binlog-connector-java|shyiko)");
    }

    private static String runWithoutOptionalJars(String url, String changeFeed, String user) throws Exception {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("mysql-binlog-connector") && !entry.contains("postgresql")) {
                classPath.add(entry);
            }
        }
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), WithoutOptionalJars.class.getName(),
                url, changeFeed, user).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("second JVM finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
