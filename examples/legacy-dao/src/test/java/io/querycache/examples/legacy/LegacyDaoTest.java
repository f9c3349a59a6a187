package io.querycache.examples.legacy;

import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The legacy DAO, unchanged, on the pool configured by {@code legacy-dao.properties}. */
class LegacyDaoTest {

    /** The same in-memory database, reached without querycache: writes here are invisible to the cache. */
    private static final String RAW_URL = "jdbc:h2:mem:legacy_dao;DB_CLOSE_DELAY=-1";

    private HikariDataSource pool;
    private CountryDao dao;
    private QueryCache cache;

    @BeforeEach
    void start() throws SQLException {
        pool = LegacyApp.dataSource(LegacyApp.configuration());
        dao = new CountryDao(pool);
        dao.createSchema();
        cache = QueryCache.of(pool);
    }

    @AfterEach
    void stop() {
        pool.close();
        cache.close();
    }

    private static void behindTheCachesBack(String sql) throws SQLException {
        try (Connection raw = DriverManager.getConnection(RAW_URL, "sa", ""); Statement s = raw.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Test
    void theConfigurationIsAllThatChanged() {
        Properties configuration = LegacyApp.configuration();
        assertThat(configuration.getProperty("jdbcUrl")).startsWith("jdbc:querycache:h2:mem:legacy_dao");
        assertThat(cache.name()).isEqualTo("legacy-dao");
    }

    @Test
    void aSecondReadIsAHitThatDoesNotReachTheDatabase() throws SQLException {
        assertThat(dao.findName("DE")).contains("Germany");
        long hits = cache.stats().hits();
        long misses = cache.stats().misses();

        behindTheCachesBack("UPDATE countries SET name = 'Allemagne' WHERE code = 'DE'");

        assertThat(dao.findName("DE")).as("served from memory").contains("Germany");
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
        assertThat(cache.stats().misses()).isEqualTo(misses);
    }

    @Test
    void aCommittedRenameThroughTheDaoIsSeenByTheNextRead() throws SQLException {
        assertThat(dao.findName("FR")).contains("France");
        assertThat(dao.listCodes()).containsExactly("DE", "FR", "IT");
        assertThat(dao.findName("FR")).contains("France");

        dao.rename("FR", "République française");

        assertThat(dao.findName("FR")).contains("République française");
        assertThat(dao.listCodes()).containsExactly("DE", "FR", "IT");
    }

    @Test
    void aRolledBackRenameInvalidatesNothing() throws SQLException {
        assertThat(dao.findName("IT")).contains("Italy");
        long invalidations = cache.stats().invalidations();

        // The UPDATE succeeds, the audit row is too long for its column: the DAO rolls the transaction back.
        String tooLongForTheAudit = "Repubblica Italiana (the Italian Republic)";
        assertThatThrownBy(() -> dao.rename("IT", tooLongForTheAudit)).isInstanceOf(SQLException.class);

        assertThat(cache.stats().invalidations()).isEqualTo(invalidations);
        long hits = cache.stats().hits();
        assertThat(dao.findName("IT")).contains("Italy");
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
    }

    @Test
    void withThePlainUrlTheSameDaoAlwaysReachesTheDatabase() throws SQLException {
        Properties plain = new Properties();
        plain.setProperty("jdbcUrl", RAW_URL);
        plain.setProperty("username", "sa");
        plain.setProperty("password", "");
        try (HikariDataSource rawPool = LegacyApp.dataSource(plain)) {
            CountryDao rawDao = new CountryDao(rawPool);
            assertThat(rawDao.findName("DE")).contains("Germany");
            behindTheCachesBack("UPDATE countries SET name = 'Allemagne' WHERE code = 'DE'");
            assertThat(rawDao.findName("DE")).contains("Allemagne");
            assertThatThrownBy(() -> QueryCache.of(rawPool)).hasMessageContaining("does not give querycache connections");
        }
    }
}
