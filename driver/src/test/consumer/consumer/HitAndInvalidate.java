package consumer;

import io.querycache.QueryCache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A plain application of the packaged driver (PackagedJarIT compiles and runs it in a child JVM, against the
 * jar and H2 only): a hinted read twice (the second a hit, proved by a change made behind the cache's back
 * that the hit does not see), then a committed write through querycache, after which the read sees it.
 * Prints one line starting with "OK" or exits with an exception.
 */
public final class HitAndInvalidate {

    private static final String READ = "/*cache:item*/ SELECT name FROM consumer_item WHERE id = 1";

    public static void main(String[] args) throws Exception {
        System.out.println(run(args[0]));
    }

    static String run(String database) throws SQLException {
        String raw = "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
        try (Connection cached = DriverManager.getConnection("jdbc:querycache:h2:mem:" + database
                + ";DB_CLOSE_DELAY=-1");
             Connection direct = DriverManager.getConnection(raw);
             Statement s = cached.createStatement()) {
            s.execute("CREATE TABLE consumer_item(id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO consumer_item VALUES (1, 'first')");
            expect("miss", read(cached), "first");
            try (Statement d = direct.createStatement()) {
                d.executeUpdate("UPDATE consumer_item SET name = 'behind' WHERE id = 1");
            }
            expect("hit", read(cached), "first");
            s.executeUpdate("UPDATE consumer_item SET name = 'second' WHERE id = 1");
            expect("after the write", read(cached), "second");
            QueryCache cache = cached.unwrap(QueryCache.class);
            if (cache.stats().hits() != 1) {
                throw new IllegalStateException("expected 1 hit, stats say " + cache.stats());
            }
            return "OK hit and invalidation through " + QueryCache.class.getProtectionDomain().getCodeSource()
                    .getLocation().getPath();
        }
    }

    private static String read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(READ)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void expect(String what, String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ": expected '" + expected + "', read '" + actual + "'");
        }
    }

    private HitAndInvalidate() {
    }
}
