package io.querycache.examples.hibernate;

import io.querycache.QueryCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BookshopTest {

    private static final String DATABASE = "h2:mem:hibernate_example;DB_CLOSE_DELAY=-1";

    private Bookshop shop;
    private QueryCache cache;

    private void open(String cacheName, boolean useSqlComments) throws SQLException {
        shop = new Bookshop("jdbc:querycache:" + DATABASE, cacheName, useSqlComments);
        cache = QueryCache.of(shop.dataSource());
        shop.stock(new Book("978-0441013593", "Dune", "sf", new BigDecimal("9.99")),
                new Book("978-0553293357", "Foundation", "sf", new BigDecimal("8.99")),
                new Book("978-0141439518", "Emma", "classic", new BigDecimal("7.50")));
    }

    @AfterEach
    void close() {
        shop.close();
        cache.close();
    }

    private static void behindTheCachesBack(String sql) throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:" + DATABASE, "sa", "");
             Statement s = raw.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static List<String> prices(List<Book> books) {
        return books.stream().map(b -> b.getTitle() + "=" + b.getPrice().toPlainString()).toList();
    }

    @Test
    void setCommentHintsAQueryAndTheSecondRunIsAHit() throws SQLException {
        open("hibernate-example", true);
        assertThat(shop.titles("sf")).containsExactly("Dune", "Foundation");
        long hits = cache.stats().hits();

        behindTheCachesBack("UPDATE books SET title = 'Dune Messiah' WHERE isbn = '978-0441013593'");

        assertThat(shop.titles("sf")).as("from memory").containsExactly("Dune", "Foundation");
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
    }

    @Test
    void aNamedQueryHintedInTheMappingIsAHitUntilACommittedEntityChange() throws SQLException {
        open("hibernate-example", true);
        assertThat(prices(shop.byGenre("sf"))).containsExactly("Dune=9.99", "Foundation=8.99");
        long hits = cache.stats().hits();
        assertThat(prices(shop.byGenre("sf"))).containsExactly("Dune=9.99", "Foundation=8.99");
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);

        shop.reprice("978-0553293357", new BigDecimal("12.00"));

        assertThat(prices(shop.byGenre("sf"))).containsExactly("Dune=9.99", "Foundation=12.00");
        assertThat(shop.titles("classic")).containsExactly("Emma");
    }

    /** The trap: Hibernate drops the comment, so the SQL carries no hint and the driver caches nothing. */
    @Test
    void withoutUseSqlCommentsNothingIsCachedAndTheStatsShowNoHintedStatement() throws SQLException {
        open("hibernate-example-no-comments", false);
        assertThat(shop.titles("sf")).containsExactly("Dune", "Foundation");
        behindTheCachesBack("UPDATE books SET title = 'Dune Messiah' WHERE isbn = '978-0441013593'");
        assertThat(shop.titles("sf")).as("from the database").containsExactly("Dune Messiah", "Foundation");

        assertThat(cache.stats().hits()).isZero();
        assertThat(cache.stats().misses()).as("no hinted statement reached the driver").isZero();
    }
}
