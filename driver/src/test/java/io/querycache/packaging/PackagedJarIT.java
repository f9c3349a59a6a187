package io.querycache.packaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged driver jar as users get it (SPEC 11), run by failsafe after {@code package}: self-contained, its
 * libraries relocated, its published POM without a runtime dependency. The consumer programs
 * (src/test/consumer) are compiled here against the jar and the application's own libraries, and run in a child
 * JVM whose class path holds nothing else.
 */
class PackagedJarIT {

    private static Path jar;
    private static Path reducedPom;
    private static Path h2;
    private static Path ownJsqlParser;
    private static Path ownCaffeine;
    private static Path consumerSources;

    @TempDir
    static Path work;

    @BeforeAll
    static void locate() {
        jar = existing("querycache.jar");
        reducedPom = existing("querycache.reducedPom");
        h2 = existing("consumer.h2");
        ownJsqlParser = existing("consumer.jsqlparser");
        ownCaffeine = existing("consumer.caffeine");
        consumerSources = existing("consumer.sources");
    }

    @Test
    void applicationWithItsOwnJsqlParser4AndCaffeine2RunsAHitAndAnInvalidation() throws Exception {
        Path classes = compile("with-libraries", jar, ownJsqlParser, ownCaffeine);
        Run run = java(List.of(classes, jar, h2, ownJsqlParser, ownCaffeine), "consumer.WithOwnLibraries", "own");

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output)
                .contains("own JSqlParser from " + ownJsqlParser.toUri().getPath())
                .contains("own Caffeine from " + ownCaffeine.toUri().getPath())
                .contains("OK hit and invalidation through " + jar.toUri().getPath());
    }

    @Test
    void theJarAloneBesideH2RunsAHitAndAnInvalidation() throws Exception {
        Path classes = compile("alone", jar);
        Run run = java(List.of(classes, jar, h2), "consumer.HitAndInvalidate", "alone");

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("OK hit and invalidation through " + jar.toUri().getPath());
    }

    @Test
    void everyClassInTheJarIsUnderIoQuerycache() throws IOException {
        List<String> classes;
        List<String> outside;
        try (JarFile file = new JarFile(jar.toFile())) {
            classes = file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .collect(Collectors.toList());
            assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("io.querycache");
            assertThat(file.getManifest().getMainAttributes().getValue("Multi-Release")).isNull();
        }
        outside = classes.stream().filter(n -> !n.startsWith("io/querycache/")).collect(Collectors.toList());

        assertThat(outside).isEmpty();
        assertThat(classes).contains("io/querycache/QueryCacheDriver.class")
                .anyMatch(n -> n.startsWith("io/querycache/shaded/caffeine/"))
                .anyMatch(n -> n.startsWith("io/querycache/shaded/jsqlparser/"))
                .noneMatch(n -> n.contains("/jmh/") || n.contains("joptsimple") || n.contains("/math3/"))
                .noneMatch(n -> n.contains("redis") || n.contains("shyiko") || n.contains("zendesk"));
    }

    @Test
    void thePublishedPomDeclaresNoRuntimeDependency() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reducedPom.toFile())
                .getDocumentElement();
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        NodeList dependencies = project.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (!d.getParentNode().getParentNode().isSameNode(project)) {
                continue; // dependencyManagement or a plugin's dependencies
            }
            String name = text(d, "groupId") + ":" + text(d, "artifactId");
            String scope = text(d, "scope");
            boolean runtime = scope.isEmpty() || scope.equals("compile") || scope.equals("runtime");
            if (runtime && text(d, "optional").equals("true")) {
                optional.add(name);
            } else if (runtime) {
                required.add(name);
            }
        }

        assertThat(required).isEmpty();
        assertThat(optional).contains("redis.clients:jedis", "com.zendesk:mysql-binlog-connector-java")
                .noneMatch(n -> n.contains("caffeine") || n.contains("jsqlparser"));
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static Path compile(String name, Path... classPath) throws IOException {
        Path out = Files.createDirectories(work.resolve(name));
        List<String> sources;
        try (Stream<Path> files = Files.walk(consumerSources)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> classPath.length > 1 || !p.getFileName().toString().equals("WithOwnLibraries.java"))
                    .map(Path::toString).sorted().collect(Collectors.toList());
        }
        List<String> args = new ArrayList<>(List.of("--release", "11", "-d", out.toString(), "-cp", join(classPath)));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(new String[0]));
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static Run java(List<Path> classPath, String mainClass, String database) throws Exception {
        Path javaBin = Paths.get(System.getProperty("java.home"), "bin", "java");
        Path log = work.resolve(database + ".log");
        Process process = new ProcessBuilder(javaBin.toString(), "-cp", join(classPath.toArray(new Path[0])),
                mainClass, "consumer_" + database).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the consumer JVM did not finish within 60 s: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static String join(Path... paths) {
        return Stream.of(paths).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by failsafe in driver/pom.xml)", property).isNotNull();
        Path path = Paths.get(value);
        assertThat(path).as(property).exists();
        return path;
    }

    private static final class Run {
        final int exit;
        final String output;

        Run(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }
}
