package io.querycache.feed;

import io.querycache.cache.ResultCache;
import io.querycache.dependency.StatementDependencies;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * PostgreSQL logical replication with the built-in pgoutput plugin: the publication {@value #PUBLICATION} (FOR
 * ALL TABLES, created when missing), a TEMPORARY slot per subscription (the server drops it when the connection
 * ends, so none outlives the process), standby status updates after each commit so no WAL is retained, and an
 * event trigger {@value #DDL_TRIGGER} that puts each DDL command into the stream as a logical message.
 */
final class PostgresChangeFeed extends ChangeFeed {

    static final String PUBLICATION = "querycache_feed";
    static final String DDL_TRIGGER = "querycache_feed_ddl";
    /** SECURITY DEFINER so any role's DDL may emit; never fails the DDL. */
    private static final String DDL_FUNCTION_SQL = "CREATE OR REPLACE FUNCTION " + DDL_TRIGGER + "()"
            + " RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$ BEGIN"
            + " PERFORM pg_logical_emit_message(true, '" + PgOutputMessages.DDL_PREFIX + "', tg_tag);"
            + " EXCEPTION WHEN OTHERS THEN NULL; END $$";
    private static final String DDL_TRIGGER_SQL = "CREATE EVENT TRIGGER " + DDL_TRIGGER
            + " ON ddl_command_end EXECUTE FUNCTION " + DDL_TRIGGER + "()";
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How often the feed asks the server for a reply, and how long a connection may carry nothing. */
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final TargetConnections connections;
    private boolean ddlWarned;

    PostgresChangeFeed(ResultCache cache, StatementDependencies dependencies, long maxLagMillis,
                       TargetConnections connections) {
        super("postgresql", cache, dependencies, maxLagMillis);
        this.connections = connections;
    }

    @Override
    void listen() throws Exception {
        try (Connection c = connections.open()) {
            checkServer(c);
            ensurePublication(c);
            ensureDdlTrigger(c);
        }
        Properties replication = new Properties();
        replication.setProperty("replication", "database");
        replication.setProperty("assumeMinServerVersion", "10");
        replication.setProperty("preferQueryMode", "simple");
        String clockName = null;
        if (connections.property("socketFactory") == null) {
            clockName = "querycache-feed-" + System.identityHashCode(this) + "-" + System.nanoTime();
            replication.setProperty("socketFactory", ReceiveClockSockets.class.getName());
            replication.setProperty("socketFactoryArg", clockName);
        }
        try (Connection c = connections.open(replication)) {
            PGConnection pg = c.unwrap(PGConnection.class);
            String slot = "querycache_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            pg.getReplicationAPI().createReplicationSlot().logical().withSlotName(slot)
                    .withOutputPlugin("pgoutput").withTemporaryOption().make();
            try (PGReplicationStream stream = pg.getReplicationAPI().replicationStream().logical()
                    .withSlotName(slot)
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", PUBLICATION)
                    .withSlotOption("messages", "true")
                    .withStatusInterval(1, TimeUnit.SECONDS)
                    .start()) {
                connected();
                read(c, stream, clockName == null ? null : ReceiveClockSockets.clock(clockName));
            }
        } finally {
            if (clockName != null) {
                ReceiveClockSockets.forget(clockName);
            }
        }
    }

    /**
     * @param lastReceived when the connection last carried bytes, or null when the application's own socket
     *                     factory is in the way (then a hung connection is noticed only when TCP gives up)
     */
    private void read(Connection c, PGReplicationStream stream, AtomicLong lastReceived)
            throws SQLException, FeedUnavailable {
        PgOutputMessages messages = new PgOutputMessages();
        long lastProbe = System.nanoTime();
        while (!isClosed()) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                long now = System.nanoTime();
                if (lastReceived != null && now - lastReceived.get() > SILENCE_NANOS) {
                    c.abort(Runnable::run); // closing the stream politely would wait for the hung server
                    throw new FeedUnavailable("the replication connection carried nothing for "
                            + TimeUnit.NANOSECONDS.toMillis(now - lastReceived.get()) + " ms: taken for lost");
                }
                if (now - lastProbe > PROBE_NANOS) {
                    stream.forceUpdateStatus(); // asks the server for a reply: proof the connection lives
                    lastProbe = now;
                }
                caughtUp();
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            if (messages.read(message, this)) {
                // Applied: the server may recycle the WAL up to here.
                LogSequenceNumber lsn = stream.getLastReceiveLSN();
                stream.setAppliedLSN(lsn);
                stream.setFlushedLSN(lsn);
            }
        }
    }

    @Override
    void interrupt() {
        // read() polls without blocking and sees the feed closed within a couple of milliseconds.
    }

    private static void checkServer(Connection c) throws SQLException, FeedUnavailable {
        String walLevel = single(c, "SHOW wal_level");
        if (!"logical".equalsIgnoreCase(walLevel)) {
            throw new FeedUnavailable("PostgreSQL wal_level is " + walLevel + ", the change feed needs logical: run"
                    + " ALTER SYSTEM SET wal_level = logical; and restart the server");
        }
        String replication = single(c, "SELECT (rolreplication OR rolsuper)::text FROM pg_roles"
                + " WHERE rolname = current_user");
        if (!"true".equals(replication)) {
            throw new FeedUnavailable("the user " + single(c, "SELECT current_user") + " lacks the REPLICATION"
                    + " privilege the change feed needs: run ALTER ROLE " + single(c, "SELECT current_user")
                    + " WITH REPLICATION;");
        }
    }

    private static void ensurePublication(Connection c) throws SQLException, FeedUnavailable {
        String allTables = single(c, "SELECT puballtables::text FROM pg_publication WHERE pubname = '"
                + PUBLICATION + "'");
        if (allTables == null) {
            String blocked = tablesWithoutReplicaIdentity(c);
            if (blocked != null) {
                // A FOR ALL TABLES publication makes PostgreSQL refuse UPDATE and DELETE on such tables: creating
                // it would break the application. Stay deaf (no hits) and say what to do.
                throw new FeedUnavailable("the change feed needs the publication " + PUBLICATION + " FOR ALL TABLES,"
                        + " and creating it would make PostgreSQL refuse UPDATE and DELETE on tables without a primary"
                        + " key or replica identity, such as " + blocked + ": give them one (ALTER TABLE ... REPLICA"
                        + " IDENTITY FULL) or create the publication yourself knowing that; see docs/change-feed.md");
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE PUBLICATION " + PUBLICATION + " FOR ALL TABLES");
            } catch (SQLException e) {
                if (single(c, "SELECT 1 FROM pg_publication WHERE pubname = '" + PUBLICATION + "'") == null) {
                    throw new FeedUnavailable("could not create the publication the change feed reads ("
                            + e.getMessage().trim() + "): ask a superuser to run CREATE PUBLICATION "
                            + PUBLICATION + " FOR ALL TABLES;");
                }
            }
        } else if (!"true".equals(allTables)) {
            throw new FeedUnavailable("the publication " + PUBLICATION + " exists but is not FOR ALL TABLES: the"
                    + " change feed would miss writes; run DROP PUBLICATION " + PUBLICATION + "; CREATE PUBLICATION "
                    + PUBLICATION + " FOR ALL TABLES;");
        }
    }

    /** Up to five tables a FOR ALL TABLES publication would make read-only for UPDATE/DELETE, or null. */
    private static String tablesWithoutReplicaIdentity(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                + " AND n.nspname NOT LIKE 'pg_temp%' AND (c.relreplident = 'n' OR (c.relreplident = 'd'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)))"
                + " ORDER BY 1 LIMIT 5")) {
            StringBuilder names = new StringBuilder();
            while (rs.next()) {
                names.append(names.length() == 0 ? "" : ", ").append(rs.getString(1));
            }
            return names.length() == 0 ? null : names.toString();
        }
    }

    /** Without it DDL is invisible in the stream (logical decoding carries rows only): warn, and go on. */
    private void ensureDdlTrigger(Connection c) throws SQLException {
        if (single(c, "SELECT 1 FROM pg_event_trigger WHERE evtname = '" + DDL_TRIGGER + "'") != null) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(DDL_FUNCTION_SQL);
            s.execute(DDL_TRIGGER_SQL);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            boolean createdMeanwhile = single(c, "SELECT 1 FROM pg_event_trigger WHERE evtname = '" + DDL_TRIGGER
                    + "'") != null;
            if (!createdMeanwhile && !ddlWarned) {
                ddlWarned = true;
                LOG.warning("querycache: change feed: could not create the event trigger " + DDL_TRIGGER + " ("
                        + e.getMessage().trim().toLowerCase(Locale.ROOT) + "): DDL by other clients (DROP, ALTER)"
                        + " will not invalidate until rows of the table change; see docs/change-feed.md");
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
