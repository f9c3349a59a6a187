package io.querycache.examples.migrations;

import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.querycache.examples.migrations.CachedReads.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiquibaseMigrationTest {

    private static final String CURRENCIES = "/*cache:currencies,600*/ SELECT * FROM currencies ORDER BY code";

    private HikariDataSource pool;
    private QueryCache cache;

    @BeforeAll
    static void quiet() {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
    }

    @AfterEach
    void close() {
        pool.close();
        cache.close();
    }

    @Test
    void changeSetsRunThroughTheDataSourceInvalidateTheCachedReadsOfWhatTheyTouch() throws Exception {
        pool = CachedReads.pool("h2:mem:liquibase_example;DB_CLOSE_DELAY=-1", "liquibase-example");
        cache = QueryCache.of(pool);

        Migrations.liquibase(pool, "db/liquibase/v1.xml");
        assertThat(rows(pool, CURRENCIES)).containsExactly("code=EUR,name=Euro", "code=USD,name=Dollar");
        long hits = cache.stats().hits();
        assertThat(rows(pool, CURRENCIES)).containsExactly("code=EUR,name=Euro", "code=USD,name=Dollar");
        assertThat(cache.stats().hits()).as("the second read is a hit").isEqualTo(hits + 1);

        Migrations.liquibase(pool, "db/liquibase/v2.xml");

        assertThat(rows(pool, CURRENCIES)).containsExactly("code=EUR,name=Euro,symbol=?",
                "code=USD,name=US Dollar,symbol=?");
    }

    /** Liquibase given a URL finds no driver for the querycache prefix unless the driver class is named. */
    @Test
    void liquibaseByUrlNeedsTheDriverClassNamed() throws Exception {
        String database = "h2:mem:liquibase_url_example;DB_CLOSE_DELAY=-1";
        String url = "jdbc:querycache:" + database;
        // No querycache.name on either side: the pool and Liquibase share the cache of this URL and user.
        pool = CachedReads.pool(database, null);
        cache = QueryCache.of(pool);
        DatabaseFactory databases = DatabaseFactory.getInstance();
        ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor();

        assertThatThrownBy(() -> databases.openDatabase(url, "sa", "", null, null, null, null, resources))
                .hasMessageContaining("Driver class was not specified and could not be determined from the url");

        Database byUrl = databases.openDatabase(url, "sa", "", "io.querycache.QueryCacheDriver", null, null, null,
                resources);
        try {
            Migrations.liquibase(byUrl, "db/liquibase/v1.xml");
            assertThat(rows(pool, CURRENCIES)).containsExactly("code=EUR,name=Euro", "code=USD,name=Dollar");
            Migrations.liquibase(byUrl, "db/liquibase/v2.xml");
        } finally {
            byUrl.close();
        }
        assertThat(rows(pool, CURRENCIES)).containsExactly("code=EUR,name=Euro,symbol=?",
                "code=USD,name=US Dollar,symbol=?");
    }
}
