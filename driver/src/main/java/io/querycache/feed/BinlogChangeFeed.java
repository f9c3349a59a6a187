package io.querycache.feed;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.querycache.cache.ResultCache;
import io.querycache.dependency.StatementDependencies;

import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MariaDB/MySQL row binlog, read as a replica would (mysql-binlog-connector-java, an optional dependency):
 * from the current end at the start, and after a lost connection from the position after the last commit
 * applied (when the server no longer has it, from the end again: the flush on hearing again covers the gap).
 * TABLE_MAP events name table ids; rows events touch tables; XID (or a COMMIT query) commits; any other
 * statement in a QUERY event is DDL (or statement-logged DML) and invalidates everything.
 */
final class BinlogChangeFeed extends ChangeFeed {

    /** Binlog timestamps are whole seconds: the commit happened up to this much after the one written. */
    private static final long TIMESTAMP_RESOLUTION_MILLIS = 999;
    private static final EventType[] ROWS_EVENTS = {EventType.WRITE_ROWS, EventType.UPDATE_ROWS,
            EventType.DELETE_ROWS, EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS,
            EventType.PRE_GA_WRITE_ROWS, EventType.PRE_GA_UPDATE_ROWS, EventType.PRE_GA_DELETE_ROWS};

    private final TargetConnections connections;
    private final long heartbeatMillis;
    private final Map<Long, String> tables = new HashMap<>();
    private volatile BinaryLogClient client;
    private volatile String problem;
    /** The position after the last commit applied, where a reconnect resumes; null: from the current end. */
    private String resumeFile;
    private long resumePosition;
    private boolean resuming;
    private boolean subscribed;

    BinlogChangeFeed(ResultCache cache, StatementDependencies dependencies, long maxLagMillis,
                     TargetConnections connections) {
        super("binlog", cache, dependencies, maxLagMillis);
        this.connections = connections;
        this.heartbeatMillis = Math.max(100, maxLagMillis / 2);
    }

    @Override
    void listen() throws Exception {
        try (Connection c = connections.open()) {
            checkServer(c);
        }
        MysqlAddress address = MysqlAddress.of(connections.url(), connections.property("user"),
                connections.property("password"));
        BinaryLogClient reader = new BinaryLogClient(address.host, address.port, address.user,
                address.password == null ? "" : address.password);
        // A replica id of our own: two readers with the same id make the server drop one of them.
        reader.setServerId(0x4000_0000L + ThreadLocalRandom.current().nextInt(0x3FFF_FFFF));
        reader.setKeepAlive(false);
        reader.setHeartbeatInterval(heartbeatMillis);
        // The server sends a heartbeat when idle: a connection silent for several is hung, not idle.
        reader.setSocketFactory(() -> {
            Socket socket = new Socket();
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(2_000, 4 * heartbeatMillis)));
            return socket;
        });
        resuming = resumeFile != null;
        if (resuming) {
            reader.setBinlogFilename(resumeFile);
            reader.setBinlogPosition(resumePosition);
        }
        EventDeserializer events = new EventDeserializer();
        for (EventType rows : ROWS_EVENTS) {
            events.setEventDataDeserializer(rows, new RowsTableId.Reader());
        }
        reader.setEventDeserializer(events);
        reader.registerEventListener(this::read);
        reader.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception e) {
                problem = "binlog connection failed: " + e.getMessage();
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception e) {
                problem = "could not read a binlog event: " + e.getMessage();
            }
        });
        problem = null;
        subscribed = false;
        client = reader;
        if (isClosed()) {
            return;
        }
        reader.connect(); // reads on this thread until disconnected
        if (!subscribed && resuming) {
            resumeFile = null; // the position may be gone: start from the end next time
        }
        if (problem != null) {
            throw new FeedUnavailable(problem);
        }
    }

    private void read(Event event) {
        EventType type = event.getHeader().getEventType();
        switch (type) {
            case FORMAT_DESCRIPTION: // the first event of each connection, and of each binlog file
                if (!subscribed) {
                    subscribed = true;
                    connected();
                    if (!resuming) {
                        caughtUp(); // from the current end: nothing older to read
                    } // resumed: caught up at the first heartbeat, or a commit within maxLag
                }
                break;
            case HEARTBEAT:
                caughtUp();
                break;
            case TABLE_MAP:
                TableMapEventData map = event.getData();
                tables.put(map.getTableId(), map.getTable());
                break;
            case MARIADB_GTID:
            case GTID:
                forgetTransaction();
                break;
            case XID:
                commit(event);
                break;
            case QUERY:
                statement(event);
                break;
            default:
                if (event.getData() instanceof RowsTableId) {
                    String table = tables.get(((RowsTableId) event.getData()).tableId);
                    if (table == null) {
                        touchedUnknown();
                    } else {
                        touched(table);
                    }
                }
        }
    }

    private void statement(Event event) {
        String sql = ((QueryEventData) event.getData()).getSql().trim().toUpperCase(Locale.ROOT);
        if (sql.equals("BEGIN") || sql.startsWith("XA START") || sql.startsWith("XA END")
                || sql.startsWith("SAVEPOINT") || sql.startsWith("ROLLBACK TO")) {
            return;
        }
        if (sql.equals("COMMIT") || sql.startsWith("XA PREPARE")) {
            commit(event);
            return;
        }
        if (sql.equals("ROLLBACK")) {
            // Logged only when non-transactional tables changed: those changes stay. Conservative: apply.
            commit(event);
            return;
        }
        if (sql.startsWith("XA COMMIT") || sql.startsWith("XA ROLLBACK")) {
            touchedUnknown(); // the rows were in the XA PREPARE group
        } else {
            schemaChanged();
        }
        commit(event);
    }

    private void commit(Event event) {
        committed(event.getHeader().getTimestamp() + TIMESTAMP_RESOLUTION_MILLIS);
        BinaryLogClient reader = client;
        if (event.getHeader() instanceof EventHeaderV4 && reader != null) {
            resumeFile = reader.getBinlogFilename();
            resumePosition = ((EventHeaderV4) event.getHeader()).getNextPosition();
        }
    }

    /** The server's thread id of the binlog connection (what SHOW PROCESSLIST lists as Binlog Dump), or -1. */
    long connectionId() {
        BinaryLogClient reader = client;
        return reader == null ? -1 : reader.getConnectionId();
    }

    @Override
    void interrupt() {
        BinaryLogClient reader = client;
        if (reader != null) {
            try {
                reader.disconnect();
            } catch (java.io.IOException | RuntimeException e) {
                LOG.fine("querycache: closing the binlog connection: " + e);
            }
        }
    }

    private static void checkServer(Connection c) throws SQLException, FeedUnavailable {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@log_bin, @@binlog_format, CURRENT_USER()")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new FeedUnavailable("the server's binary log is off: the change feed needs log_bin=ON and"
                        + " binlog_format=ROW in the server configuration (restart required)");
            }
            if (!"ROW".equalsIgnoreCase(rs.getString(2))) {
                throw new FeedUnavailable("binlog_format is " + rs.getString(2) + ", the change feed needs ROW:"
                        + " SET GLOBAL binlog_format = 'ROW'; and binlog_format=ROW in the server configuration");
            }
            String user = rs.getString(3);
            if (!mayReadBinlog(c)) {
                throw new FeedUnavailable("the user " + user + " may not read the binary log: run GRANT"
                        + " REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + user + ";");
            }
        }
    }

    private static boolean mayReadBinlog(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                if (grant.contains("ON *.*") && (grant.contains("ALL PRIVILEGES")
                        || grant.contains("REPLICATION SLAVE") || grant.contains("REPLICATION REPLICA"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
