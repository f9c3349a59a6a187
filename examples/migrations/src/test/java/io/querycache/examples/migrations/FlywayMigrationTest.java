package io.querycache.examples.migrations;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static io.querycache.examples.migrations.CachedReads.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlywayMigrationTest {

    private static final String DATABASE = "h2:mem:flyway_example;DB_CLOSE_DELAY=-1";
    private static final String SETTINGS = "/*cache:settings,600*/ SELECT * FROM settings ORDER BY name";
    private static final String FEATURES = "/*cache:features,600*/ SELECT * FROM features ORDER BY name";

    /** A schema of this test's own on the shared PostgreSQL server. */
    private static final String PG_SCHEMA = "i16ex_flyway";

    private HikariDataSource pool;
    private QueryCache cache;

    @AfterEach
    void close() {
        pool.close();
        cache.close();
    }

    @Test
    void migrationsInvalidateTheCachedReadsOfWhatTheyTouch() throws SQLException {
        pool = CachedReads.pool(DATABASE, "flyway-example");
        cache = QueryCache.of(pool);
        migrateStepByStep("TRUE");
    }

    @Test
    @Tag("integration")
    void onPostgresqlToo() throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = raw.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:querycache:postgresql://127.0.0.1:5432/test");
        config.setUsername("postgres");
        config.setSchema(PG_SCHEMA);
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty("querycache.name", "flyway-example-pg");
        pool = new HikariDataSource(config);
        cache = QueryCache.of(pool);
        migrateStepByStep("t", PG_SCHEMA);
    }

    /** V1 creates and fills two tables, V2 updates one, V3 adds a column to it. */
    private void migrateStepByStep(String trueText, String... schemas) throws SQLException {
        assertThat(Migrations.flyway(pool, "1", schemas).migrationsExecuted).isEqualTo(1);
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20",
                "name=theme,setting_value=light");
        assertThat(rows(pool, FEATURES)).containsExactly("name=search,enabled=" + trueText);
        long hits = cache.stats().hits();
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20",
                "name=theme,setting_value=light");
        assertThat(cache.stats().hits()).as("the second read is a hit").isEqualTo(hits + 1);

        // V2: an UPDATE of settings.
        assertThat(Migrations.flyway(pool, "2", schemas).migrationsExecuted).isEqualTo(1);
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20",
                "name=theme,setting_value=dark");

        // V3: ALTER TABLE settings ADD COLUMN.
        assertThat(Migrations.flyway(pool, "latest", schemas).migrationsExecuted).isEqualTo(1);
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20,scope=global",
                "name=theme,setting_value=dark,scope=global");

        hits = cache.stats().hits();
        assertThat(rows(pool, FEATURES)).containsExactly("name=search,enabled=" + trueText);
        assertThat(cache.stats().hits()).as("a table no migration touched stays cached").isEqualTo(hits + 1);
    }

    /** Why the tests hand Flyway the DataSource: by URL, Flyway looks for support of the "querycache" prefix. */
    @Test
    void flywayConfiguredByUrlRefusesAQuerycacheUrl() throws SQLException {
        pool = CachedReads.pool(DATABASE, "flyway-example-by-url");
        cache = QueryCache.of(pool);
        assertThatThrownBy(() -> Flyway.configure().dataSource("jdbc:querycache:" + DATABASE, "sa", "")
                .locations("classpath:db/flyway").load().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("No Flyway database plugin found to handle jdbc:querycache:");
    }
}
