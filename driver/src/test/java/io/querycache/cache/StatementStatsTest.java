package io.querycache.cache;

import io.querycache.QueryCache;
import io.querycache.StatementStats;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import static io.querycache.testing.H2Database.single;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 10: the counters of each hinted statement, from the API and from JMX, bounded in number. */
class StatementStatsTest {

    private static final String BY_CODE = "/*cache:countries*/ SELECT name FROM countries WHERE code = ?";
    private static final String ALL = "/*cache:all*/ SELECT count(*) FROM countries WHERE name <> 'secret-name'";

    private H2Database db;

    @BeforeEach
    void create() throws SQLException {
        db = new H2Database("statementstats");
        db.execute("CREATE TABLE countries(code CHAR(2) PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France')");
    }

    private static StatementStats of(QueryCache cache, String sqlStart) {
        Optional<StatementStats> found = cache.statementStats().stream()
                .filter(s -> s.sql().startsWith(sqlStart)).findFirst();
        assertThat(found).as("tracked: " + sqlStart).isPresent();
        return found.get();
    }

    @Test
    void eachStatementCountsItsHitsMissesLoadsBytesAndInvalidations() throws Exception {
        try (Connection c = db.cached(); Statement s = c.createStatement()) {
            QueryCache cache = c.unwrap(QueryCache.class);
            for (int i = 0; i < 3; i++) {
                assertThat(single(c, BY_CODE, "DE")).isEqualTo("Germany"); // 1 miss, 2 hits
            }
            assertThat(single(c, BY_CODE, "FR")).isEqualTo("France"); // another entry of the same statement
            assertThat(single(c, ALL)).isEqualTo("2");

            StatementStats byCode = of(cache, BY_CODE);
            assertThat(byCode.hits()).isEqualTo(2);
            assertThat(byCode.misses()).isEqualTo(2);
            assertThat(byCode.loads()).isEqualTo(2);
            assertThat(byCode.totalLoadNanos()).isPositive().isGreaterThanOrEqualTo(byCode.maxLoadNanos());
            assertThat(byCode.maxLoadNanos()).isPositive();
            assertThat(byCode.estimatedBytes()).isPositive();
            assertThat(byCode.invalidations()).isZero();
            StatementStats all = of(cache, "/*cache:all*/");
            assertThat(all.sql()).as("literals masked").doesNotContain("secret-name").contains("'***'");
            assertThat(all.hits()).isZero();
            assertThat(all.misses()).isEqualTo(1);
            assertThat(cache.statementStats().get(0).sql()).as("most used first").isEqualTo(BY_CODE);
            assertThat(byCode.estimatedBytes() + all.estimatedBytes()).isEqualTo(cache.stats().estimatedBytes());

            s.executeUpdate("/*cache:countries*/ UPDATE countries SET name = 'Deutschland' WHERE code = 'DE'");
            assertThat(single(c, BY_CODE, "DE")).isEqualTo("Deutschland");
            assertThat(single(c, BY_CODE, "FR")).isEqualTo("France");
            byCode = of(cache, BY_CODE);
            assertThat(byCode.invalidations()).as("both entries found invalidated").isEqualTo(2);
            assertThat(byCode.misses()).isEqualTo(4);
            assertThat(byCode.loads()).isEqualTo(4);
            assertThat(of(cache, "/*cache:all*/").invalidations()).as("not read since").isZero();

            cache.invalidateAll();
            assertThat(of(cache, BY_CODE).estimatedBytes()).as("entries gone").isZero();
            assertThat(of(cache, BY_CODE).hits()).as("counters stay").isEqualTo(2);
        }
    }

    @Test
    void jmxShowsTheSameRows() throws Exception {
        try (Connection c = db.cached()) {
            single(c, BY_CODE, "DE");
            single(c, BY_CODE, "DE");
            ObjectName name = new ObjectName("io.querycache:type=QueryCache,name=" + ObjectName.quote(db.cacheName));
            CompositeData[] rows = (CompositeData[]) ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(name, "TopStatements");
            assertThat(rows).hasSize(1);
            assertThat(rows[0].get("sql")).isEqualTo(BY_CODE);
            assertThat(rows[0].get("hits")).isEqualTo(1L);
            assertThat(rows[0].get("misses")).isEqualTo(1L);
            assertThat(rows[0].get("loads")).isEqualTo(1L);
            assertThat((Long) rows[0].get("estimatedBytes")).isPositive();
            assertThat((Long) rows[0].get("maxLoadNanos")).isPositive();
            assertThat(rows[0].get("invalidations")).isEqualTo(0L);
        }
    }

    @Test
    void atMostTheBoundIsTrackedAndTheMostUsedStay() throws Exception {
        try (Connection c = db.cached()) {
            QueryCache cache = c.unwrap(QueryCache.class);
            for (int i = 0; i < 5; i++) {
                single(c, BY_CODE, "DE");
            }
            for (int i = 0; i < TrackedStatements.MAX_TRACKED + 50; i++) {
                single(c, "/*cache:one-off*/ SELECT " + i + " FROM countries WHERE code = 'DE'");
            }
            List<StatementStats> tracked = cache.statementStats();
            assertThat(tracked).hasSize(TrackedStatements.MAX_TRACKED);
            assertThat(tracked.get(0).sql()).isEqualTo(BY_CODE);
            assertThat(tracked.get(0).hits()).isEqualTo(4);
            assertThat(tracked).as("the newest one-off holds the last place")
                    .anyMatch(s -> s.sql().contains("SELECT " + (TrackedStatements.MAX_TRACKED + 49) + " "));
        }
    }

    @Test
    void aNewStatementReplacesTheLeastUsed() {
        TrackedStatements table = new TrackedStatements(2);
        table.of("a").hits.add(5);
        table.of("b").hits.add(1);
        table.of("c").misses.increment();
        assertThat(table.snapshot()).extracting(s -> s.sql).containsExactly("a", "c");
        table.of("d");
        assertThat(table.snapshot()).extracting(s -> s.sql).containsExactly("a", "d");
        assertThat(table.of("a").hits.sum()).as("the same counters").isEqualTo(5);
    }
}
