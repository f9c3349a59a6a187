package io.querycache.feed;

import io.querycache.QueryCache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs in a second JVM whose class path lacks the binlog reader and pgjdbc: connects through querycache to
 * the URL in args[0] with {@code querycache.changeFeed=args[1]}, reads twice, and prints what happened.
 */
public final class WithoutOptionalJars {

    private WithoutOptionalJars() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("binlog reader present: " + present("com.github.shyiko.mysql.binlog.BinaryLogClient"));
        System.out.println("pgjdbc present: " + present("org.postgresql.Driver"));
        Properties p = new Properties();
        p.setProperty("user", args.length > 2 ? args[2] : "sa");
        p.setProperty("password", "");
        p.setProperty("querycache.changeFeed", args[1]);
        try (Connection c = DriverManager.getConnection("jdbc:querycache:" + args[0], p);
             Statement s = c.createStatement()) {
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = s.executeQuery("/*cache:one*/ SELECT 1")) {
                    rs.next();
                }
            }
            QueryCache cache = c.unwrap(QueryCache.class);
            System.out.println("hits: " + cache.stats().hits());
            ChangeFeed feed = ChangeFeeds.of(cache);
            if (feed != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (feed.stats().lastProblem() == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                System.out.println("deaf: " + io.querycache.cache.CacheRegistry.behind(cache).isDeaf());
                System.out.println("feed problem: " + feed.stats().lastProblem());
            }
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
