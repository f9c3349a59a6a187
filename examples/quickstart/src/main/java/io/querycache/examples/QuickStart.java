package io.querycache.examples;

import io.querycache.QueryCache;
import io.querycache.QueryCacheStats;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The quick-start demo: an embedded H2 catalogue behind {@code jdbc:querycache:h2:...}, hinted queries,
 * a hinted write, a transaction, and what actually reached the database.
 *
 * <p>Run it with {@code mvn -B -q -Pdemo -DskipTests package} from the repository root.
 */
public final class QuickStart {

    private static final String URL = "jdbc:querycache:h2:mem:quickstart;DB_CLOSE_DELAY=-1";

    private static final String COUNTRIES = "/*cache:countries,600*/ SELECT code, name FROM countries ORDER BY name";
    private static final String PRODUCTS = "/*cache:products,10m*/ SELECT p.name, p.price FROM products p"
            + " JOIN categories c ON c.id = p.category_id WHERE c.name = ? ORDER BY p.name";

    private QuickStart() {
    }

    public static void main(String[] args) throws SQLException {
        System.out.println("querycache quick start: " + URL + "\n");
        try (Connection app = DriverManager.getConnection(URL, "sa", "")) {
            createCatalogue(app);
            QueryCache cache = app.unwrap(QueryCache.class);
            System.out.println("cache name: " + cache.name() + "\n");

            System.out.println("1. The same hinted query five times: the first is a miss, the rest are hits.");
            for (int i = 1; i <= 5; i++) {
                timed(app, "   run " + i, COUNTRIES, null);
            }

            System.out.println("\n2. A hinted PreparedStatement: each parameter value is its own entry.");
            timed(app, "   books (miss) ", PRODUCTS, "books");
            timed(app, "   games (miss) ", PRODUCTS, "games");
            timed(app, "   books (hit)  ", PRODUCTS, "books");

            System.out.println("\n3. A write invalidates: by its hint key, and by the table it writes.");
            try (Statement s = app.createStatement()) {
                s.executeUpdate("/*cache:countries*/ UPDATE countries SET name = 'Deutschland' WHERE code = 'DE'");
                System.out.println("   UPDATE countries ... (autocommit): entries for 'countries' invalidated");
            }
            timed(app, "   countries (miss after the write)", COUNTRIES, null);
            timed(app, "   countries (hit again)           ", COUNTRIES, null);

            System.out.println("\n4. Inside a transaction, other connections keep the committed snapshot until commit.");
            try (Connection other = DriverManager.getConnection(URL, "sa", "")) {
                other.setAutoCommit(false);
                try (Statement s = other.createStatement()) {
                    s.executeUpdate("UPDATE products SET price = price * 2 WHERE name = 'Dune'");
                }
                timed(app, "   books from another connection, before commit", PRODUCTS, "books");
                timed(other, "   books inside the writing transaction        ", PRODUCTS, "books");
                other.commit();
                timed(app, "   books after commit                          ", PRODUCTS, "books");
            }

            System.out.println("\n5. The SELECTs that reached the database, with how often (H2's QUERY_STATISTICS):");
            try (Statement s = app.createStatement();
                 ResultSet rs = s.executeQuery("SELECT EXECUTION_COUNT, SQL_STATEMENT"
                         + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                         + " WHERE SQL_STATEMENT LIKE 'SELECT%' AND SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'"
                         + " ORDER BY SQL_STATEMENT")) {
                while (rs.next()) {
                    System.out.printf("   %3d x %s%n", rs.getInt(1), rs.getString(2));
                }
            }

            QueryCacheStats stats = cache.stats();
            System.out.printf("%n6. Statistics: %d hits, %d misses, %d loads, %d invalidations, %d entries, %,d bytes%n",
                    stats.hits(), stats.misses(), stats.loads(), stats.invalidations(), stats.entries(),
                    stats.estimatedBytes());
        }
    }

    private static void timed(Connection c, String label, String sql, String parameter) throws SQLException {
        QueryCache cache = c.unwrap(QueryCache.class);
        long hitsBefore = cache.stats().hits();
        long start = System.nanoTime();
        int rows = 0;
        String first = null;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rows++ == 0) {
                        first = rs.getString(1) + " " + rs.getString(2);
                    }
                }
            }
        }
        long micros = (System.nanoTime() - start) / 1_000;
        String how = cache.stats().hits() > hitsBefore ? "hit " : "database";
        System.out.printf("%s -> %-8s %6d us, %d rows, first: %s%n", label, how, micros, rows, first);
    }

    private static void createCatalogue(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS TRUE");
            s.execute("CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(60) NOT NULL)");
            s.execute("INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France'), ('IT', 'Italy'),"
                    + " ('ES', 'Spain'), ('PT', 'Portugal'), ('NL', 'Netherlands'), ('BE', 'Belgium'),"
                    + " ('AT', 'Austria'), ('CH', 'Switzerland'), ('PL', 'Poland')");
            s.execute("CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(30) NOT NULL)");
            s.execute("INSERT INTO categories VALUES (1, 'books'), (2, 'games')");
            s.execute("CREATE TABLE products (id INT PRIMARY KEY, category_id INT REFERENCES categories(id),"
                    + " name VARCHAR(60) NOT NULL, price DECIMAL(8, 2) NOT NULL)");
            s.execute("INSERT INTO products VALUES (1, 1, 'Dune', 9.99), (2, 1, 'Neuromancer', 8.50),"
                    + " (3, 1, 'Solaris', 7.25), (4, 2, 'Go', 25.00), (5, 2, 'Chess', 19.90)");
        }
    }
}
