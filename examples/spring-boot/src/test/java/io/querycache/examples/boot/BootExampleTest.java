package io.querycache.examples.boot;

import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import io.querycache.spring.QueryCacheEnvironmentPostProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class BootExampleTest {

    /** The same in-memory database without querycache: what the database really holds, and writes it cannot see. */
    private static final String RAW_URL = "jdbc:h2:mem:boot_example;DB_CLOSE_DELAY=-1";

    @Autowired
    private CatalogService catalog;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private ConfigurableEnvironment environment;

    private QueryCache cache;

    @BeforeEach
    void cache() throws SQLException {
        cache = QueryCache.of(dataSource);
    }

    private static void behindTheCachesBack(String sql) throws SQLException {
        try (Connection raw = DriverManager.getConnection(RAW_URL, "sa", ""); Statement s = raw.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String inTheDatabase(String sql) throws SQLException {
        try (Connection raw = DriverManager.getConnection(RAW_URL, "sa", ""); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> prices(List<Product> products) {
        return products.stream().map(p -> p.getName() + "=" + p.getPrice().toPlainString()).toList();
    }

    @Test
    void theUrlAloneIsEnough() throws IOException {
        Properties application = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        assertThat(application).doesNotContainKey("spring.datasource.driver-class-name");
        assertThat(environment.getPropertySources().contains(QueryCacheEnvironmentPostProcessor.PROPERTY_SOURCE))
                .isTrue();
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getDriverClassName()).isEqualTo("io.querycache.QueryCacheDriver");
        assertThat(cache.name()).isEqualTo("boot-example");
    }

    @Test
    void jdbcTemplateReadIsAHit() throws SQLException {
        assertThat(catalog.countryName("DE")).isEqualTo("Germany");
        long hits = cache.stats().hits();

        behindTheCachesBack("UPDATE countries SET name = 'Allemagne' WHERE code = 'DE'");

        assertThat(catalog.countryName("DE")).as("from memory").isEqualTo("Germany");
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
    }

    @Test
    void aCommittedTransactionalWriteIsSeenByTheNextRead() {
        assertThat(catalog.countryName("FR")).isEqualTo("France");
        assertThat(catalog.countryName("FR")).isEqualTo("France");

        catalog.renameCountry("FR", "République française");

        assertThat(catalog.countryName("FR")).isEqualTo("République française");
    }

    @Test
    void aRolledBackTransactionalWriteInvalidatesNothingAndLeavesNothingStale() throws SQLException {
        assertThat(catalog.countryName("IT")).isEqualTo("Italy");
        long invalidations = cache.stats().invalidations();

        assertThatThrownBy(() -> catalog.renameCountryThenFail("IT", "Italia"))
                .as("the transaction reads its own write from the database")
                .hasMessage("inside the transaction the name was Italia");

        assertThat(cache.stats().invalidations()).as("nothing invalidated").isEqualTo(invalidations);
        long hits = cache.stats().hits();
        assertThat(catalog.countryName("IT")).isEqualTo("Italy").isEqualTo(inTheDatabase(
                "SELECT name FROM countries WHERE code = 'IT'"));
        assertThat(cache.stats().hits()).as("still a hit").isEqualTo(hits + 1);
    }

    @Test
    void springDataJpaQueryWithAHintIsAHit() throws SQLException {
        assertThat(prices(catalog.productsIn("games"))).containsExactly("Chess=15.00", "Go=25.00");
        long hits = cache.stats().hits();

        behindTheCachesBack("UPDATE products SET price = 1 WHERE category = 'games'");

        assertThat(prices(catalog.productsIn("games"))).as("from memory").containsExactly("Chess=15.00", "Go=25.00");
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
    }

    @Test
    void aCommittedJpaWriteIsSeenByTheNextQuery() {
        assertThat(prices(catalog.productsIn("books"))).containsExactly("Dune=9.99", "Emma=7.50");
        assertThat(prices(catalog.productsIn("books"))).containsExactly("Dune=9.99", "Emma=7.50");

        catalog.reprice("Dune", new BigDecimal("11.00"));

        assertThat(prices(catalog.productsIn("books"))).containsExactly("Dune=11.00", "Emma=7.50");
    }

    @Test
    void aRolledBackJpaWriteInvalidatesNothing() throws SQLException {
        assertThat(prices(catalog.productsIn("maps"))).containsExactly("Atlas=30.00", "Globe=45.00");
        long invalidations = cache.stats().invalidations();

        assertThatThrownBy(() -> catalog.repriceThenFail("Atlas", new BigDecimal("1.00")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(cache.stats().invalidations()).isEqualTo(invalidations);
        assertThat(prices(catalog.productsIn("maps"))).containsExactly("Atlas=30.00", "Globe=45.00");
        assertThat(inTheDatabase("SELECT price FROM products WHERE name = 'Atlas'")).isEqualTo("30.00");
    }
}
