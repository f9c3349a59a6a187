package io.querycache.bus;

import io.querycache.config.BusAddress;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.dependency.CatalogConnections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bus over PostgreSQL LISTEN/NOTIFY in the cache's own database. One connection per cache listens (its
 * application_name is {@value #LISTENER_NAME}); the cache hears once LISTEN returned and is deaf from the moment
 * that connection fails until a new one listens. Sets are sent with {@code pg_notify}: inside the committing
 * transaction when {@link #beforeCommit} is called (delivered only if the commit succeeds), otherwise after the
 * commit on a connection of the bus's own. Payloads stay under PostgreSQL's 8,000 bytes: larger sets are split.
 */
final class PostgresBus implements InvalidationBus {

    static final String LISTENER_NAME = "querycache-bus-listener";
    private static final Logger LOG = Logger.getLogger("io.querycache");
    private static final int MAX_PAYLOAD_BYTES = 7_900;
    private static final String SAVEPOINT = "querycache_bus";
    private static final int POLL_MILLIS = 500;
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ResultCache cache;
    private final BusAddress address;
    private final CatalogConnections connections;
    private final String sender = SenderIds.next();
    private final BusStatistics statistics;
    private final InvalidationReceiver receiver;
    private final Outbox outbox;
    private final Backoff backoff = new Backoff();
    private final Thread listener;
    private volatile boolean closed;
    private volatile Connection listening;
    private Connection publishing;

    PostgresBus(ResultCache cache, BusAddress address, CatalogConnections connections) {
        this.cache = cache;
        this.address = address;
        this.connections = connections;
        this.statistics = new BusStatistics(cache, address);
        this.receiver = new InvalidationReceiver(cache, sender, statistics);
        this.outbox = new Outbox(cache.name(), sender, MAX_PAYLOAD_BYTES, this::publishOnOwnConnection, statistics);
        this.listener = new Thread(this::listen, "querycache-bus " + cache.name());
        listener.setDaemon(true);
    }

    void start() {
        cache.deafUntilStarted(this, "not yet listening on " + address);
        listener.start();
    }

    private void listen() {
        while (!closed) {
            String why;
            try (Connection c = connections.open()) {
                listening = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SET application_name = '" + LISTENER_NAME + "'");
                    s.execute("LISTEN " + quoted(address.channel()));
                }
                PgNotifications notifications = new PgNotifications(c);
                receiver.subscribed();
                statistics.state("listening");
                backoff.reset();
                cache.hears(this);
                long quietSince = System.nanoTime();
                while (!closed) {
                    List<String> payloads = notifications.poll(address.channel(), POLL_MILLIS);
                    for (String payload : payloads) {
                        receiver.received(payload);
                    }
                    outbox.payDebt();
                    if (!payloads.isEmpty()) {
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > KEEPALIVE_NANOS) {
                        keepAlive(c);
                        quietSince = System.nanoTime();
                    }
                }
                why = "closed";
            } catch (SQLException | RuntimeException e) {
                why = e.toString();
            } finally {
                listening = null;
            }
            if (closed) {
                return;
            }
            statistics.state("deaf: " + why);
            cache.deaf(this, "lost its listening connection on " + address + ": " + why);
            statistics.reconnects.increment();
            try {
                Thread.sleep(backoff.nextMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A connection that died silently shows here. */
    private static void keepAlive(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void publish(Footprint footprint) {
        outbox.send(footprint);
    }

    @Override
    public void publishFlush() {
        outbox.sendFlush();
    }

    /**
     * Sends the set with {@code pg_notify} inside the committing transaction, under a savepoint of its own: a
     * notify that fails (an aborted transaction, a full notification queue) is rolled back alone, leaves the
     * application's transaction as it was, and the set goes out after the commit instead.
     */
    @Override
    public boolean beforeCommit(Connection committing, Footprint footprint) {
        return !footprint.isEmpty()
                && outbox.sendInTransaction(footprint, payloads -> notifyUnderSavepoint(committing, payloads));
    }

    /** One round trip: the savepoint, every notify and the release go together; a failure costs one more. */
    private void notifyUnderSavepoint(Connection c, List<String> payloads) throws SQLException {
        StringBuilder sql = new StringBuilder("SAVEPOINT " + SAVEPOINT);
        for (int i = 0; i < payloads.size(); i++) {
            sql.append("; SELECT pg_notify(?, ?)");
        }
        sql.append("; RELEASE SAVEPOINT " + SAVEPOINT);
        try (PreparedStatement notify = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (String payload : payloads) {
                notify.setString(p++, address.channel());
                notify.setString(p++, payload);
            }
            notify.execute();
        } catch (SQLException | RuntimeException e) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
            } catch (SQLException | RuntimeException undo) {
                e.addSuppressed(undo); // the savepoint was never set: the transaction was aborted already
            }
            throw e;
        }
    }

    private void notify(Connection c, List<String> payloads) throws SQLException {
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String payload : payloads) {
                notify.setString(1, address.channel());
                notify.setString(2, payload);
                notify.execute();
            }
        }
    }

    /** Called by the outbox, under its lock. */
    private void publishOnOwnConnection(List<String> payloads) throws SQLException {
        try {
            if (publishing == null || publishing.isClosed()) {
                publishing = connections.open();
                publishing.setAutoCommit(true);
            }
            notify(publishing, payloads);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(publishing);
            publishing = null;
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "querycache: closing a bus connection", e);
            }
        }
    }

    @Override
    public String senderId() {
        return sender;
    }

    @Override
    public BusStatistics statistics() {
        return statistics;
    }

    @Override
    public void onApplied(Consumer<InvalidationMessage> listener) {
        receiver.onApplied(listener);
    }

    @Override
    public String lastMessageId() {
        return outbox.lastMessageId();
    }

    @Override
    public void close() {
        closed = true;
        statistics.state("closed");
        cache.deaf(this, "its bus was closed");
        listener.interrupt();
        closeQuietly(listening);
        synchronized (outbox) {
            closeQuietly(publishing);
            publishing = null;
        }
    }
}
