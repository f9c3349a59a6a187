package io.querycache.examples.migrations;

import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static io.querycache.examples.migrations.CachedReads.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlywayMigrationTest {

    private static final String DATABASE = "h2:mem:flyway_example;DB_CLOSE_DELAY=-1";
    private static final String SETTINGS = "/*cache:settings,600*/ SELECT * FROM settings ORDER BY name";
    private static final String FEATURES = "/*cache:features,600*/ SELECT * FROM features ORDER BY name";

    private HikariDataSource pool;
    private QueryCache cache;

    @BeforeEach
    void open() throws SQLException {
        pool = CachedReads.pool(DATABASE, "flyway-example");
        cache = QueryCache.of(pool);
    }

    @AfterEach
    void close() {
        pool.close();
        cache.close();
    }

    @Test
    void migrationsInvalidateTheCachedReadsOfWhatTheyTouch() throws SQLException {
        assertThat(Migrations.flyway(pool, "1").migrationsExecuted).isEqualTo(1);
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20",
                "name=theme,setting_value=light");
        assertThat(rows(pool, FEATURES)).containsExactly("name=search,enabled=TRUE");
        long hits = cache.stats().hits();
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20",
                "name=theme,setting_value=light");
        assertThat(cache.stats().hits()).as("the second read is a hit").isEqualTo(hits + 1);

        // V2: an UPDATE of settings.
        assertThat(Migrations.flyway(pool, "2").migrationsExecuted).isEqualTo(1);
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20",
                "name=theme,setting_value=dark");

        // V3: ALTER TABLE settings ADD COLUMN.
        assertThat(Migrations.flyway(pool, "latest").migrationsExecuted).isEqualTo(1);
        assertThat(rows(pool, SETTINGS)).containsExactly("name=page_size,setting_value=20,scope=global",
                "name=theme,setting_value=dark,scope=global");

        hits = cache.stats().hits();
        assertThat(rows(pool, FEATURES)).containsExactly("name=search,enabled=TRUE");
        assertThat(cache.stats().hits()).as("a table no migration touched stays cached").isEqualTo(hits + 1);
    }

    /** Why the tests hand Flyway the DataSource: by URL, Flyway looks for support of the "querycache" prefix. */
    @Test
    void flywayConfiguredByUrlRefusesAQuerycacheUrl() {
        assertThatThrownBy(() -> Flyway.configure().dataSource("jdbc:querycache:" + DATABASE, "sa", "")
                .locations("classpath:db/flyway").load().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("No Flyway database plugin found to handle jdbc:querycache:");
    }
}
