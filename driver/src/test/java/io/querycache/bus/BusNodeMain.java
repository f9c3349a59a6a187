package io.querycache.bus;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Properties;

/**
 * The writing node of {@link MultiProcessBusTest}, run in a second JVM: commits {@code commits} updates of one
 * row through querycache with the bus, printing for each {@code C <i> <seq> <nanos before commit> <nanos after>}
 * (System.nanoTime is the machine's monotonic clock on Linux, shared by both JVMs).
 *
 * <p>Arguments: bus, cache name, table, commits.
 */
public final class BusNodeMain {

    private BusNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String bus = args[0];
        String cacheName = args[1];
        String table = args[2];
        int commits = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "");
        p.setProperty("querycache.name", cacheName);
        p.setProperty("querycache.bus", bus);
        try (Connection c = DriverManager.getConnection("jdbc:querycache:postgresql://127.0.0.1:5432/test", p);
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET v = ? WHERE id = 1")) {
            InvalidationBus node = Buses.of(cacheName);
            out.println("READY " + node.senderId());
            out.flush();
            c.setAutoCommit(false);
            for (int i = 1; i <= commits; i++) {
                update.setLong(1, i);
                update.executeUpdate();
                long before = System.nanoTime();
                c.commit();
                long after = System.nanoTime();
                out.println("C " + i + " " + node.lastMessageId() + " " + before + " " + after);
            }
            out.println("DONE " + node.statistics());
            out.flush();
            Buses.close(cacheName);
        }
    }
}
