package io.querycache.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver's packages form layers; each may use only the layers below it. Bottom to top:
 *
 * <pre>
 *   io.querycache            public API and entry points (driver, data source, QueryCache, stats, MXBean)
 *   io.querycache.jdbc       the wrappers: connection, statements, result sets; the hit and miss paths
 *   io.querycache.feed       change feeds (logical replication, binlog) that invalidate on others' writes
 *   io.querycache.bus        cross-process invalidation (Redis, PostgreSQL NOTIFY)
 *   io.querycache.cache      entries, keys, the store, transactions, generations, statistics
 *   io.querycache.dependency catalog facts: views, triggers, routines, foreign keys
 *   io.querycache.config     properties, URLs, the parsed settings
 *   io.querycache.snapshot   the in-memory result set, its capture and metadata
 *   io.querycache.sql        hints, statement classification, footprints
 *   io.querycache.error      the SQLStates the driver raises
 * </pre>
 *
 * The root package counts as a package like the others: nothing below may reach the public API. The internal
 * packages reach a cache's public view ({@code unwrap(QueryCache.class)}, the MXBean) only as objects the root
 * makes through {@code io.querycache.cache.CacheApi}. {@code io.querycache.micrometer}, the optional Micrometer
 * binder, is public API too and uses the root and the internal packages.
 */
class PackageLayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.querycache");
    }

    /** One slice per package directly under io.querycache, and one for io.querycache itself. */
    static final SliceAssignment TOP_LEVEL_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals("io.querycache")) {
                return SliceIdentifier.of("io.querycache");
            }
            if (pkg.startsWith("io.querycache.")) {
                int end = pkg.indexOf('.', "io.querycache.".length());
                return SliceIdentifier.of(end < 0 ? pkg : pkg.substring(0, end));
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "io.querycache and each package directly under it";
        }
    };

    @Test
    void internalPackagesAreFreeOfCycles() {
        slices().matching("io.querycache.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesAreFreeOfCyclesCountingTheRoot() {
        slices().assignedFrom(TOP_LEVEL_PACKAGES).should().beFreeOfCycles().check(classes);
    }

    /** The Micrometer binder is public API beside the root, not below it: it reads the public statistics. */
    @Test
    void nothingBelowTheRootUsesThePublicApi() {
        noClasses().that().resideInAPackage("io.querycache.(*)..")
                .and().resideOutsideOfPackage("io.querycache.micrometer..")
                .should().dependOnClassesThat().resideInAPackage("io.querycache").check(classes);
    }

    /**
     * A class below the root is public only when another package of the driver uses it, JMX needs it (an MXBean
     * interface) or a real driver instantiates it by name (pgjdbc's socket factory); the rest is package-private.
     * A compile-time constant is inlined, so a class used elsewhere only for one does not count as used.
     */
    @Test
    void internalClassesArePublicOnlyWhenAnotherPackageUsesThem() {
        classes().that().resideInAPackage("io.querycache.(*)..").and().arePublic().and().areTopLevelClasses()
                .and().resideOutsideOfPackage("io.querycache.micrometer..")
                .and().haveSimpleNameNotEndingWith("MXBean")
                .and().doNotHaveFullyQualifiedName("io.querycache.feed.ReceiveClockSockets")
                .should(new ArchCondition<JavaClass>("be used by another package") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        boolean usedOutside = javaClass.getDirectDependenciesToSelf().stream()
                                .anyMatch(d -> !d.getOriginClass().getPackageName().equals(javaClass.getPackageName()));
                        if (!usedOutside) {
                            events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                                    + " is public, but no other package uses it: make it package-private"));
                        }
                    }
                }).check(classes);
    }

    /** The internal layers; the root package above them all is checked by the two tests above. */
    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("jdbc").definedBy("io.querycache.jdbc..")
                .layer("feed").definedBy("io.querycache.feed..")
                .layer("bus").definedBy("io.querycache.bus..")
                .layer("cache").definedBy("io.querycache.cache..")
                .layer("dependency").definedBy("io.querycache.dependency..")
                .layer("config").definedBy("io.querycache.config..")
                .layer("snapshot").definedBy("io.querycache.snapshot..")
                .layer("sql").definedBy("io.querycache.sql..")
                .layer("error").definedBy("io.querycache.error..")
                .whereLayer("jdbc").mayNotBeAccessedByAnyLayer()
                .whereLayer("feed").mayOnlyBeAccessedByLayers("jdbc")
                .whereLayer("bus").mayOnlyBeAccessedByLayers("jdbc", "feed")
                .whereLayer("cache").mayOnlyBeAccessedByLayers("jdbc", "feed", "bus")
                .whereLayer("dependency").mayOnlyBeAccessedByLayers("jdbc", "feed", "bus", "cache")
                .whereLayer("config").mayOnlyBeAccessedByLayers("jdbc", "feed", "bus", "cache",
                        "dependency")
                .whereLayer("snapshot").mayOnlyBeAccessedByLayers("jdbc", "feed", "bus", "cache",
                        "dependency", "config")
                .whereLayer("sql").mayOnlyBeAccessedByLayers("jdbc", "feed", "bus", "cache", "dependency",
                        "config", "snapshot")
                .whereLayer("error").mayOnlyBeAccessedByLayers("jdbc", "feed", "bus", "cache",
                        "dependency", "config", "snapshot", "sql")
                .check(classes);
    }
}
