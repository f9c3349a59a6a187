package io.querycache.jdbc;

import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closed objects and null arguments, as a table of cases: each runs on a raw connection and on a querycache
 * connection (where a hit could have answered) and must end the same way: the same SQLState thrown, or both
 * return. Where a driver departs from JDBC, querycache follows JDBC and the case says so.
 */
class ClosedObjectsTest {

    /** Opens a new connection: raw, or querycache. */
    interface Opener {
        Connection open() throws SQLException;
    }

    interface Case {
        Object run(Opener connections, String query) throws Exception;
    }

    private static final String HINT = "/*cache:closed*/ ";
    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("hinted executeQuery on a closed Statement", (db, q) -> {
            try (Connection c = db.open()) {
                Statement s = c.createStatement();
                s.executeQuery(q).close();
                s.close();
                return s.executeQuery(q);
            }
        });
        CASES.put("hinted execute on a closed Statement", (db, q) -> {
            try (Connection c = db.open()) {
                Statement s = c.createStatement();
                s.executeQuery(q).close();
                s.close();
                return s.execute(q);
            }
        });
        CASES.put("hinted executeQuery on a closed PreparedStatement", (db, q) -> {
            try (Connection c = db.open()) {
                PreparedStatement p = c.prepareStatement(q);
                p.executeQuery().close();
                p.close();
                return p.executeQuery();
            }
        });
        CASES.put("hinted executeQuery on a Statement of a closed Connection", (db, q) -> {
            Connection c = db.open();
            Statement s = c.createStatement();
            s.executeQuery(q).close();
            c.close();
            return s.executeQuery(q);
        });
        CASES.put("hinted executeQuery on a PreparedStatement of a closed Connection", (db, q) -> {
            Connection c = db.open();
            PreparedStatement p = c.prepareStatement(q);
            p.executeQuery().close();
            c.close();
            return p.executeQuery();
        });
        CASES.put("hinted execute on a PreparedStatement of a closed Connection", (db, q) -> {
            Connection c = db.open();
            PreparedStatement p = c.prepareStatement(q);
            p.executeQuery().close();
            c.close();
            return p.execute();
        });
        CASES.put("next() on the result of a closed Statement", (db, q) -> {
            try (Connection c = db.open()) {
                Statement s = c.createStatement();
                s.executeQuery(q).close();
                ResultSet rs = s.executeQuery(q);
                s.close();
                return rs.next();
            }
        });
        CASES.put("next() on the result of a closed Connection", (db, q) -> {
            Connection c = db.open();
            PreparedStatement p = c.prepareStatement(q);
            p.executeQuery().close();
            ResultSet rs = p.executeQuery();
            c.close();
            return rs.next();
        });
        CASES.put("executeQuery(null)", (db, q) -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                return s.executeQuery(null);
            }
        });
        CASES.put("execute(null)", (db, q) -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                return s.execute(null);
            }
        });
        CASES.put("executeUpdate(null)", (db, q) -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                return s.executeUpdate(null);
            }
        });
        CASES.put("addBatch(null)", (db, q) -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                s.addBatch(null);
                return null;
            }
        });
        CASES.put("prepareStatement(null)", (db, q) -> {
            try (Connection c = db.open()) {
                return c.prepareStatement(null);
            }
        });
        CASES.put("prepareCall(null)", (db, q) -> {
            try (Connection c = db.open()) {
                return c.prepareCall(null);
            }
        });
        CASES.put("Connection.isWrapperFor(null)", (db, q) -> {
            try (Connection c = db.open()) {
                return c.isWrapperFor(null);
            }
        });
        CASES.put("Statement.isWrapperFor(null)", (db, q) -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                return s.isWrapperFor(null);
            }
        });
        CASES.put("DatabaseMetaData.isWrapperFor(null)", (db, q) -> {
            try (Connection c = db.open()) {
                return c.getMetaData().isWrapperFor(null);
            }
        });
        CASES.put("ResultSet.isWrapperFor(null)", (db, q) -> {
            try (Connection c = db.open(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(q.replace(HINT, ""))) {
                return rs.isWrapperFor(null);
            }
        });
        CASES.put("cached ResultSet.isWrapperFor(null)", (db, q) -> {
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                s.executeQuery(q).close();
                try (ResultSet rs = s.executeQuery(q)) { // a hit through querycache
                    return rs.isWrapperFor(null);
                }
            }
        });
    }

    /**
     * Where the driver departs from JDBC and querycache does not follow: (database, case) to querycache's
     * outcome. MariaDB keeps a result set readable after its Statement or Connection closed (JDBC closes it);
     * so does pgjdbc after its Connection closed (with a PreparedStatement); pgjdbc and MariaDB throw
     * NullPointerException from isWrapperFor(null) (querycache answers false, as H2). A cached result set is
     * querycache's own: it throws its own SQLState (HY010) where the driver's result set throws the driver's.
     */
    private static final Map<String, String> DEPARTURES = Map.ofEntries(
            Map.entry("mariadb next() on the result of a closed Statement", "SQLException"),
            Map.entry("mariadb next() on the result of a closed Connection", "SQLException"),
            Map.entry("postgresql next() on the result of a closed Connection", "SQLException"),
            Map.entry("postgresql Connection.isWrapperFor(null)", "returns false"),
            Map.entry("postgresql Statement.isWrapperFor(null)", "returns false"),
            Map.entry("postgresql DatabaseMetaData.isWrapperFor(null)", "returns false"),
            Map.entry("postgresql ResultSet.isWrapperFor(null)", "returns false"),
            Map.entry("mariadb Connection.isWrapperFor(null)", "returns false"),
            Map.entry("mariadb DatabaseMetaData.isWrapperFor(null)", "returns false"),
            Map.entry("mariadb ResultSet.isWrapperFor(null)", "returns false"),
            Map.entry("postgresql cached ResultSet.isWrapperFor(null)", "returns false"),
            Map.entry("mariadb cached ResultSet.isWrapperFor(null)", "returns false"));

    @Test
    void onH2() throws Exception {
        String url = "h2:mem:closed" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection keep = DriverManager.getConnection("jdbc:" + url, "sa", "");
             Statement s = keep.createStatement()) {
            s.execute("CREATE TABLE t(id INT)");
            s.execute("INSERT INTO t VALUES (1)");
            Properties p = new Properties();
            p.setProperty("user", "sa");
            p.setProperty("querycache.name", ServerDatabase.unique("closedh2"));
            assertSameOutcomes("h2", () -> DriverManager.getConnection("jdbc:" + url, "sa", ""),
                    () -> DriverManager.getConnection("jdbc:querycache:" + url, p), "t");
        }
    }

    @Test
    @Tag("integration")
    void onPostgresql() throws Exception {
        onServer("postgresql", ServerDatabase.POSTGRES);
    }

    @Test
    @Tag("integration")
    void onMariadb() throws Exception {
        onServer("mariadb", ServerDatabase.MARIADB);
    }

    private static void onServer(String name, ServerDatabase db) throws Exception {
        String table = ServerDatabase.unique("closed").toLowerCase();
        db.execute("CREATE TABLE " + table + " (id int)", "INSERT INTO " + table + " VALUES (1)");
        String cache = ServerDatabase.unique("closed" + name);
        try {
            assertSameOutcomes(name, db::direct, () -> db.cached(cache), table);
        } finally {
            db.dropQuietly("DROP TABLE " + table);
        }
    }

    private static void assertSameOutcomes(String database, Opener raw, Opener cached, String table) {
        String query = HINT + "SELECT id FROM " + table;
        List<String> differences = new ArrayList<>();
        CASES.forEach((name, test) -> {
            String expected = outcome(test, raw, query);
            String actual = outcome(test, cached, query);
            String departure = DEPARTURES.get(database + " " + name);
            boolean same = departure != null ? actual.startsWith(departure)
                    : name.startsWith("next()") ? kind(actual).equals(kind(expected)) : actual.equals(expected);
            if (!same) {
                differences.add(name + ": driver " + expected + ", querycache " + actual);
            }
        });
        assertThat(differences).as("cases that end differently on %s", database).isEmpty();
    }

    /** The outcome without its SQLState. */
    private static String kind(String outcome) {
        return outcome.startsWith("SQLException") ? "SQLException" : outcome;
    }

    private static String outcome(Case test, Opener connections, String query) {
        try {
            Object returned = test.run(connections, query);
            return "returns " + (returned == null || returned instanceof Boolean || returned instanceof Number
                    ? returned : "an object");
        } catch (SQLException e) {
            return "SQLException " + e.getSQLState();
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
