package io.querycache.faults;

import io.querycache.QueryCache;
import io.querycache.testing.ServerDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.fail;

/**
 * One fault case's table on a real server, and a control connection (raw) that does to the application's
 * connection what the fault needs: holds the gate a query or a commit waits at, holds a row lock a write waits
 * for, sees when a backend waits, and kills it ({@code pg_terminate_backend}, {@code KILL}).
 *
 * <p>The table has {@value #ROWS} rows; the hinted read calls a gate function on every row, which waits at row
 * {@value #GATE_ROW} while the control connection holds the gate lock, so a kill lands between rows of a result
 * being read, on a backend known to be waiting there.
 */
final class FaultFixture implements AutoCloseable {

    static final int ROWS = 5_000;
    static final int GATE_ROW = 3_000;
    static final String KEY = "flt_rows";

    final ServerDatabase db;
    final String table;
    final String gate;
    final String cacheName;
    /** The hinted read: every row, through the gate. */
    final String read;
    private final long gateKey;
    private final Connection control;
    private Connection rowLocker;
    private boolean gateHeld;
    private final List<String> dropAfter = new ArrayList<>();

    FaultFixture(ServerDatabase db) throws SQLException {
        this.db = db;
        this.table = ServerDatabase.unique("flt");
        this.gate = table + "_gate";
        this.cacheName = ServerDatabase.unique("flt_cache");
        this.gateKey = Math.abs((long) table.hashCode()) + 1;
        // MariaDB: a stored function may write (its characteristics are not enforced), which would make the read
        // uncacheable; the gate is written inline there.
        this.read = "/*cache:" + KEY + "*/ SELECT id, v, " + (db.isPostgres() ? gate + "(id)"
                : "CASE WHEN id = " + GATE_ROW + " THEN GET_LOCK('" + gate + "', 60) + RELEASE_LOCK('" + gate
                        + "') - 1 ELSE 1 END") + " AS g FROM " + table + " ORDER BY id";
        this.control = db.direct();
        if (db.isPostgres()) {
            db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL)",
                    "INSERT INTO " + table + " SELECT i, 0 FROM generate_series(1, " + ROWS + ") i",
                    // STABLE: the catalog proves it writes nothing, so the hinted read is stored when it succeeds.
                    "CREATE FUNCTION " + gate + "(i INT) RETURNS INT LANGUAGE plpgsql STABLE AS $$ BEGIN"
                            + " IF i = " + GATE_ROW + " THEN PERFORM pg_advisory_lock_shared(" + gateKey + ");"
                            + " PERFORM pg_advisory_unlock_shared(" + gateKey + "); END IF; RETURN i; END $$");
            dropAfter.add("DROP TABLE " + table + " CASCADE");
            dropAfter.add("DROP FUNCTION " + gate + "(INT)");
        } else {
            db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB",
                    "INSERT INTO " + table + " SELECT seq, 0 FROM seq_1_to_" + ROWS);
            dropAfter.add("DROP TABLE " + table);
        }
    }

    /** PostgreSQL only: a deferred constraint trigger that waits at the gate when the transaction commits. */
    void gateTheCommit() throws SQLException {
        String function = table + "_commit_gate";
        db.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " PERFORM pg_advisory_lock_shared(" + gateKey + "); PERFORM pg_advisory_unlock_shared("
                        + gateKey + "); RETURN NULL; END $$",
                "CREATE CONSTRAINT TRIGGER " + table + "_at_commit AFTER UPDATE ON " + table
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + function + "()");
        dropAfter.add(0, "DROP FUNCTION " + function + "() CASCADE");
    }

    /** The tagged write of one row. */
    String write(int id) {
        return "/*cache:" + KEY + "*/ UPDATE " + table + " SET v = v + 1 WHERE id = " + id;
    }

    Connection cached() throws SQLException {
        return db.cached(cacheName);
    }

    /** A querycache connection of this case's cache, reaching the server through {@code port}. */
    Connection cached(int port) throws SQLException {
        Properties p = credentials();
        p.setProperty("querycache.name", cacheName);
        return DriverManager.getConnection(db.cachedUrl().replace(":" + serverPort() + "/", ":" + port + "/"), p);
    }

    Connection direct(int port) throws SQLException {
        return DriverManager.getConnection(db.directUrl().replace(":" + serverPort() + "/", ":" + port + "/"),
                credentials());
    }

    int serverPort() {
        return db.isPostgres() ? 5432 : 3306;
    }

    private Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", "");
        return p;
    }

    QueryCache cache() throws SQLException {
        try (Connection c = cached()) {
            return c.unwrap(QueryCache.class);
        }
    }

    /** The backend's id: what the control connection kills. */
    long backendId(Connection app) throws SQLException {
        try (Statement s = app.createStatement();
             ResultSet rs = s.executeQuery(db.isPostgres() ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void holdGate() throws SQLException {
        execute(db.isPostgres() ? "SELECT pg_advisory_lock(" + gateKey + ")" : "SELECT GET_LOCK('" + gate + "', 10)");
        gateHeld = true;
    }

    void releaseGate() throws SQLException {
        if (gateHeld) {
            execute(db.isPostgres() ? "SELECT pg_advisory_unlock(" + gateKey + ")"
                    : "SELECT RELEASE_LOCK('" + gate + "')");
            gateHeld = false;
        }
    }

    /** Locks row {@code id} in a transaction of another raw connection, so that a write of it waits. */
    void lockRow(int id) throws SQLException {
        rowLocker = db.direct();
        rowLocker.setAutoCommit(false);
        query(rowLocker, "SELECT v FROM " + table + " WHERE id = " + id + " FOR UPDATE");
    }

    void releaseRow() throws SQLException {
        if (rowLocker != null) {
            rowLocker.rollback();
            rowLocker.close();
            rowLocker = null;
        }
    }

    /** Waits (bounded) until the backend waits for a lock: the gate or a row; fails if the application ended. */
    void awaitWaiting(long backend, java.util.concurrent.Future<?> application) throws Exception {
        String sql = db.isPostgres()
                ? "SELECT count(*) FROM pg_locks WHERE pid = " + backend + " AND NOT granted"
                // 'Updating' lasts while the update waits for the row the test holds.
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = " + backend
                        + " AND STATE IN ('User lock', 'Updating')";
        String processes = db.isPostgres() ? "SELECT pid || ' ' || coalesce(wait_event, '') || ' ' || state || ' '"
                + " || left(query, 80) FROM pg_stat_activity WHERE datname = 'test'"
                : "SELECT CONCAT(ID, ' ', COALESCE(STATE, ''), ' ', COMMAND, ' ', COALESCE(LEFT(INFO, 80), ''))"
                + " FROM information_schema.PROCESSLIST WHERE DB = 'test'";
        await(() -> "backend " + backend + " waits for a lock; the server's sessions: " + texts(processes), () -> {
            if (application.isDone()) {
                application.get();
                fail("the application ended before it waited for the lock");
            }
            return query(sql) > 0;
        });
    }

    void kill(long backend) throws Exception {
        execute(db.isPostgres() ? "SELECT pg_terminate_backend(" + backend + ")" : "KILL " + backend);
        String alive = db.isPostgres() ? "SELECT count(*) FROM pg_stat_activity WHERE pid = " + backend
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = " + backend;
        await("backend " + backend + " gone", () -> query(alive) == 0);
    }

    /** The value of row {@code id}, read raw. */
    long value(int id) throws SQLException {
        return query("SELECT v FROM " + table + " WHERE id = " + id);
    }

    /** Every row of the hinted read, as text, read through {@code c}. */
    List<String> rows(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(read); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getInt(2) + ":" + rs.getInt(3));
            }
        }
        return rows;
    }

    List<String> rawRows() throws SQLException {
        try (Connection c = db.direct()) {
            return rows(c);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = control.createStatement()) {
            s.execute(sql);
        }
    }

    private long query(String sql) throws SQLException {
        return query(control, sql);
    }

    private List<String> texts(String sql) {
        List<String> texts = new ArrayList<>();
        try (Statement s = control.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
        } catch (SQLException e) {
            texts.add(e.toString());
        }
        return texts;
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** A bounded wait for what another connection reaches; fails the test when it does not happen in time. */
    static void await(String what, Condition condition) throws Exception {
        await(() -> what, condition);
    }

    static void await(java.util.function.Supplier<String> what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not within 20 s: " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            releaseRow();
            releaseGate();
        } finally {
            QueryCache cache = io.querycache.QueryCacheDriver.cache(cacheName);
            if (cache != null) {
                cache.close();
            }
            try (Statement s = control.createStatement()) {
                // A connection the test failed to close must not hang the drop.
                s.execute(db.isPostgres() ? "SET lock_timeout = '10s'" : "SET SESSION lock_wait_timeout = 10");
                for (String drop : dropAfter) {
                    try {
                        s.execute(drop);
                    } catch (SQLException gone) {
                        // already gone
                    }
                }
            } finally {
                control.close();
            }
        }
    }
}
