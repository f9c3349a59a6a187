package io.querycache.examples.boot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;

/** The application's service layer, written as it would be without querycache, plus the hint comments. */
@Service
public class CatalogService {

    static final String COUNTRY_NAME = "/*cache:countries,600*/ SELECT name FROM countries WHERE code = ?";

    private final JdbcTemplate jdbc;
    private final ProductRepository products;

    public CatalogService(JdbcTemplate jdbc, ProductRepository products) {
        this.jdbc = jdbc;
        this.products = products;
    }

    public String countryName(String code) {
        return jdbc.queryForObject(COUNTRY_NAME, String.class, code);
    }

    @Transactional
    public void renameCountry(String code, String name) {
        jdbc.update("UPDATE countries SET name = ? WHERE code = ?", name, code);
    }

    /**
     * Renames, reads its own write inside the transaction, then fails: the transaction rolls back.
     *
     * @return never; throws {@link IllegalStateException} with the name read inside the transaction
     */
    @Transactional
    public String renameCountryThenFail(String code, String name) {
        jdbc.update("UPDATE countries SET name = ? WHERE code = ?", name, code);
        throw new IllegalStateException("inside the transaction the name was " + countryName(code));
    }

    public List<Product> productsIn(String category) {
        return products.findByCategoryOrderByName(category);
    }

    @Transactional
    public void reprice(String productName, BigDecimal price) {
        products.findByName(productName).orElseThrow().setPrice(price);
    }

    @Transactional
    public void repriceThenFail(String productName, BigDecimal price) {
        products.findByName(productName).orElseThrow().setPrice(price);
        products.flush();
        throw new IllegalStateException("rolled back after writing " + productName);
    }
}
