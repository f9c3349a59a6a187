package io.querycache.examples.jooq;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.List;
import javax.sql.DataSource;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/**
 * jOOQ on a DataSource whose connections come from querycache. jOOQ renders {@code .hint(...)} verbatim between
 * {@code SELECT} and the projection, so the querycache hint goes there; a plain SQL query carries it in its text.
 */
public final class Inventory {

    static final Table<?> ITEMS = table("items");
    static final Field<String> SKU = field("sku", String.class);
    static final Field<String> SHELF = field("shelf", String.class);
    static final Field<Integer> QUANTITY = field("quantity", Integer.class);

    private final DSLContext db;

    public Inventory(DataSource dataSource) {
        this.db = DSL.using(dataSource, SQLDialect.H2);
    }

    public void createSchema() {
        db.execute("DROP TABLE IF EXISTS items");
        db.execute("CREATE TABLE items(sku VARCHAR(20) PRIMARY KEY, shelf VARCHAR(10) NOT NULL, quantity INT NOT NULL)");
        db.insertInto(ITEMS, SKU, SHELF, QUANTITY)
                .values("bolt-m4", "A1", 500).values("nut-m4", "A1", 800).values("washer-m4", "A2", 300)
                .execute();
    }

    /** The DSL: {@code select /*cache:items,600*}{@code / sku, quantity from items where shelf = ? order by sku}. */
    public List<Record2<String, Integer>> onShelf(String shelf) {
        return db.select(SKU, QUANTITY)
                .hint("/*cache:items,600*/")
                .from(ITEMS)
                .where(SHELF.eq(shelf))
                .orderBy(SKU)
                .fetch();
    }

    /** A plain SQL template with the hint in front. */
    public int totalQuantity() {
        return db.resultQuery("/*cache:items,600*/ SELECT SUM(quantity) FROM items").fetchSingle().get(0, Integer.class);
    }

    /** Takes stock out in a transaction: jOOQ commits, querycache invalidates what the UPDATE wrote. */
    public void take(String sku, int quantity) {
        db.transaction(configuration -> DSL.using(configuration)
                .update(ITEMS).set(QUANTITY, QUANTITY.minus(quantity)).where(SKU.eq(sku)).execute());
    }

    /** The SQL jOOQ sends for {@link #onShelf(String)}. */
    public String onShelfSql() {
        return db.select(SKU, QUANTITY).hint("/*cache:items,600*/").from(ITEMS).where(SHELF.eq("?")).orderBy(SKU)
                .getSQL();
    }
}
