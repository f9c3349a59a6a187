package io.querycache.examples.jooq;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querycache.QueryCache;
import org.jooq.Record2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryTest {

    private static final String DATABASE = "h2:mem:jooq_example;DB_CLOSE_DELAY=-1";

    private HikariDataSource pool;
    private QueryCache cache;
    private Inventory inventory;

    @BeforeEach
    void open() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:querycache:" + DATABASE);
        config.setUsername("sa");
        config.addDataSourceProperty("querycache.name", "jooq-example");
        pool = new HikariDataSource(config);
        cache = QueryCache.of(pool);
        inventory = new Inventory(pool);
        inventory.createSchema();
    }

    @AfterEach
    void close() {
        pool.close();
        cache.close();
    }

    private static void behindTheCachesBack(String sql) throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:" + DATABASE, "sa", "");
             Statement s = raw.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static List<String> stock(List<Record2<String, Integer>> records) {
        return records.stream().map(r -> r.value1() + "=" + r.value2()).toList();
    }

    @Test
    void jooqRendersTheHintBetweenSelectAndTheProjection() {
        assertThat(inventory.onShelfSql()).startsWith("select /*cache:items,600*/ sku, quantity from items");
    }

    @Test
    void aHintedDslQueryIsAHit() throws SQLException {
        assertThat(stock(inventory.onShelf("A1"))).containsExactly("bolt-m4=500", "nut-m4=800");
        long hits = cache.stats().hits();

        behindTheCachesBack("UPDATE items SET quantity = 0");

        assertThat(stock(inventory.onShelf("A1"))).as("from memory").containsExactly("bolt-m4=500", "nut-m4=800");
        assertThat(inventory.totalQuantity()).isZero();
        assertThat(inventory.totalQuantity()).isZero();
        assertThat(cache.stats().hits()).isEqualTo(hits + 2);
    }

    @Test
    void aCommittedJooqTransactionIsSeenByTheNextQuery() {
        assertThat(stock(inventory.onShelf("A1"))).containsExactly("bolt-m4=500", "nut-m4=800");
        assertThat(inventory.totalQuantity()).isEqualTo(1600);
        assertThat(inventory.totalQuantity()).isEqualTo(1600);

        inventory.take("nut-m4", 50);

        assertThat(stock(inventory.onShelf("A1"))).containsExactly("bolt-m4=500", "nut-m4=750");
        assertThat(inventory.totalQuantity()).isEqualTo(1550);
    }
}
