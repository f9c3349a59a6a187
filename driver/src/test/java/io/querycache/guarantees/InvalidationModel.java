package io.querycache.guarantees;

import io.querycache.QueryCache;
import io.querycache.cache.CacheRegistry;
import io.querycache.cache.ResultCache;
import io.querycache.testing.FakeTicker;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model-based test of invalidation (docs/testing-generated.md): a generated program of writes (every write
 * form the classifier knows, with consequences: a foreign key ON DELETE CASCADE, a trigger writing another table,
 * a write through a view), transactions (JDBC autocommit, commit, rollback, savepoints; SQL BEGIN, COMMIT,
 * ROLLBACK), API invalidations and clock moves, on three connections of one cache. The model is the database:
 * after every step, every hinted read on every connection returns what the same query returns on that
 * connection's real (unwrapped) connection at that moment.
 *
 * <p>To keep one thread from waiting on its own locks, each connection writes its own rows (ids 10k+1..10k+5
 * for connection k); a TRUNCATE, which locks the whole table, runs only while no connection, its own included,
 * is in a transaction, and is otherwise a no-op. Every other step that makes no sense in the connection's state
 * (commit in autocommit mode...) is a no-op too, so every program runs and shrinks.
 */
final class InvalidationModel {

    static final int CONNECTIONS = 3;

    /** The database under test: its DDL and how to reach it. {@code ${p}} stands for the run's table prefix. */
    interface Database {
        /** Tables, their rows, the view, the updatable view and the trigger; {@code ${p}} is replaced. */
        List<String> schema();

        /** A querycache connection on the named cache. */
        Connection cached(String cacheName) throws SQLException;

        /** The real connection below a querycache connection. */
        Connection real(Connection cached) throws SQLException;

        /** A write that the database knows in its own dialect (CTE, FINAL TABLE, a write through a view...). */
        String dialectWrite(Form form);

        /** Runs SQL below querycache (setup and clean-up). */
        void direct(List<String> sql) throws SQLException;

        /** What removes the schema again. */
        List<String> cleanUp();
    }

    enum Kind {
        WRITE, SET_AUTOCOMMIT, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, SQL_BEGIN, SQL_COMMIT, SQL_ROLLBACK,
        INVALIDATE_KEY, INVALIDATE_TABLE, INVALIDATE_ALL, ADVANCE_CLOCK
    }

    /** Write forms; the last ones differ by database (see {@link Database#dialectWrite}). */
    enum Form {
        INSERT_A, UPDATE_A, DELETE_A_CASCADES, MERGE_A, INSERT_B, UPDATE_B, INSERT_C_TRIGGER, UPDATE_C_TRIGGER,
        /** A query that writes: PostgreSQL's data-modifying CTE, H2's FINAL TABLE (UPDATE ...). Sets v = ? of id ?. */
        WRITE_IN_QUERY,
        /** PostgreSQL: an UPDATE through an updatable view; H2 (no updatable views): MERGE ... KEY. Sets v = ? of id ?. */
        DIALECT_WRITE,
        TRUNCATE_AUDIT
    }

    /** One step of a program: what, on which connection, with two small numbers and a flag. */
    static final class Step {
        final Kind kind;
        final int connection;
        final Form form;
        final int x;
        final int y;
        final boolean flag;

        Step(Kind kind, int connection, Form form, int x, int y, boolean flag) {
            this.kind = kind;
            this.connection = connection;
            this.form = form;
            this.x = x;
            this.y = y;
            this.flag = flag;
        }

        @Override
        public String toString() {
            return "c" + connection + " " + kind + (kind == Kind.WRITE ? " " + form + (flag ? " hinted" : "") : "")
                    + " x=" + x + " y=" + y + (kind == Kind.SET_AUTOCOMMIT ? " " + flag : "");
        }
    }

    static Arbitrary<List<Step>> programs(int maxSteps) {
        Arbitrary<Kind> kind = Arbitraries.frequency(
                Tuple.of(12, Kind.WRITE), Tuple.of(3, Kind.SET_AUTOCOMMIT), Tuple.of(2, Kind.COMMIT),
                Tuple.of(2, Kind.ROLLBACK), Tuple.of(2, Kind.SAVEPOINT), Tuple.of(2, Kind.ROLLBACK_TO_SAVEPOINT),
                Tuple.of(1, Kind.SQL_BEGIN), Tuple.of(1, Kind.SQL_COMMIT), Tuple.of(1, Kind.SQL_ROLLBACK),
                Tuple.of(1, Kind.INVALIDATE_KEY), Tuple.of(1, Kind.INVALIDATE_TABLE), Tuple.of(1, Kind.INVALIDATE_ALL),
                Tuple.of(2, Kind.ADVANCE_CLOCK));
        Arbitrary<Step> step = Combinators.combine(kind, Arbitraries.integers().between(0, CONNECTIONS - 1),
                Arbitraries.of(Form.class), Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 9),
                Arbitraries.of(false, true)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(maxSteps);
    }

    /** The hinted reads checked after every step: keys, TTLs, a join, a view, the trigger's table. */
    static final List<String> READS = List.of(
            "/*cache:ka,30*/ SELECT id, v FROM ${p}_a ORDER BY id",
            "/*cache:kb*/ SELECT id, a_id, w FROM ${p}_b ORDER BY id",
            "/*cache:kj,120*/ SELECT a.id, a.v, b.id, b.w FROM ${p}_a a JOIN ${p}_b b ON b.a_id = a.id ORDER BY b.id",
            "/*cache:kv*/ SELECT a_id, v, w FROM ${p}_v ORDER BY b_id",
            "/*cache:kc,60*/ SELECT id, n FROM ${p}_c ORDER BY id",
            "/*cache:kaud,90*/ SELECT c_id, count(*) FROM ${p}_c_audit GROUP BY c_id ORDER BY c_id",
            "/*cache:ksum*/ SELECT count(*), coalesce(sum(v), 0) FROM ${p}_a WHERE v > 3");

    private static final String[] KEYS = {"ka", "kb", "kj", "kv", "kc", "kaud", "ksum", "unused"};
    private static final String[] TABLES = {"a", "b", "c", "c_audit", "v", "av"};

    private final Database database;
    private final String prefix;
    private final FakeTicker clock = new FakeTicker();
    private final ResultCache cache;
    private final Connection[] connections = new Connection[CONNECTIONS];
    private final boolean[] autoCommit = new boolean[CONNECTIONS];
    private final boolean[] sqlTransaction = new boolean[CONNECTIONS];
    private final List<List<Savepoint>> savepoints = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    InvalidationModel(Database database, String prefix, String cacheName) {
        this.database = database;
        this.prefix = prefix;
        this.cache = new ResultCache(cacheName, 64 << 20, true, clock);
        CacheRegistry.install(cache);
    }

    /** Runs the program; an AssertionError names the first step after which a cached read differs. */
    void run(List<Step> program) throws SQLException {
        try {
            database.direct(sql(database.schema()));
            for (int k = 0; k < CONNECTIONS; k++) {
                connections[k] = database.cached(cache.name());
                autoCommit[k] = true;
                savepoints.add(new ArrayList<>());
            }
            check("the start");
            for (Step step : program) {
                boolean ran = apply(step);
                log.add((ran ? "" : "(no-op) ") + step);
                if (ran) {
                    check(step.toString());
                }
            }
        } finally {
            for (Connection c : connections) {
                if (c != null) {
                    c.close();
                }
            }
            cache.close();
            database.direct(sql(database.cleanUp()));
        }
    }

    private String sql(String text) {
        return text.replace("${p}", prefix);
    }

    private List<String> sql(List<String> texts) {
        List<String> out = new ArrayList<>();
        texts.forEach(t -> out.add(sql(t)));
        return out;
    }

    private boolean inTransaction(int k) {
        return !autoCommit[k] || sqlTransaction[k];
    }

    private boolean othersInTransaction(int k) {
        for (int j = 0; j < CONNECTIONS; j++) {
            if (j != k && inTransaction(j)) {
                return true;
            }
        }
        return false;
    }

    private boolean apply(Step s) throws SQLException {
        int k = s.connection;
        Connection c = connections[k];
        switch (s.kind) {
            case WRITE:
                return write(k, s);
            case SET_AUTOCOMMIT:
                if (sqlTransaction[k] || autoCommit[k] == s.flag) {
                    return false;
                }
                c.setAutoCommit(s.flag);
                autoCommit[k] = s.flag;
                savepoints.get(k).clear();
                return true;
            case COMMIT:
            case ROLLBACK:
                if (autoCommit[k]) {
                    return false;
                }
                if (s.kind == Kind.COMMIT) {
                    c.commit();
                } else {
                    c.rollback();
                }
                savepoints.get(k).clear();
                return true;
            case SAVEPOINT:
                if (autoCommit[k]) {
                    return false;
                }
                savepoints.get(k).add(c.setSavepoint());
                return true;
            case ROLLBACK_TO_SAVEPOINT:
                List<Savepoint> open = savepoints.get(k);
                if (open.isEmpty()) {
                    return false;
                }
                int index = s.x % open.size();
                c.rollback(open.get(index));
                open.subList(index + 1, open.size()).clear();
                return true;
            case SQL_BEGIN:
                if (inTransaction(k)) {
                    return false;
                }
                execute(c, "BEGIN");
                sqlTransaction[k] = true;
                return true;
            case SQL_COMMIT:
            case SQL_ROLLBACK:
                if (!sqlTransaction[k]) {
                    return false;
                }
                execute(c, s.kind == Kind.SQL_COMMIT ? "COMMIT" : "ROLLBACK");
                sqlTransaction[k] = false;
                return true;
            case INVALIDATE_KEY:
                c.unwrap(QueryCache.class).invalidate(KEYS[s.y % KEYS.length]);
                return true;
            case INVALIDATE_TABLE:
                c.unwrap(QueryCache.class).invalidateTables(prefix + "_" + TABLES[s.y % TABLES.length]);
                return true;
            case INVALIDATE_ALL:
                c.unwrap(QueryCache.class).invalidateAll();
                return true;
            case ADVANCE_CLOCK:
                clock.advance(Duration.ofSeconds(15L * s.x + s.y));
                return true;
            default:
                throw new AssertionError(s.kind);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Connection k writes ids 10k+x of a and c, and b rows 100+10k+x that reference its own a rows. */
    private boolean write(int k, Step s) throws SQLException {
        int id = 10 * k + s.x;
        int bId = 100 + id;
        String hint = s.flag ? "/*cache:" + KEYS[s.y % KEYS.length] + "*/ " : "";
        switch (s.form) {
            case INSERT_A:
                return update(k, hint + "INSERT INTO ${p}_a (id, v) SELECT CAST(? AS INT), CAST(? AS INT) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM ${p}_a WHERE id = ?)", id, s.y, id);
            case UPDATE_A:
                return update(k, hint + "UPDATE ${p}_a SET v = ? WHERE id = ?", s.y, id);
            case DELETE_A_CASCADES:
                return update(k, hint + "DELETE FROM ${p}_a WHERE id = ?", id);
            case MERGE_A:
                return update(k, hint + "MERGE INTO ${p}_a t USING (SELECT CAST(? AS INT) AS id, CAST(? AS INT) AS v) s ON t.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)",
                        id, s.y);
            case INSERT_B:
                return update(k, hint + "INSERT INTO ${p}_b (id, a_id, w) SELECT CAST(? AS INT), id, CAST(? AS INT) FROM ${p}_a WHERE id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM ${p}_b WHERE id = ?)", bId, s.y, id, bId);
            case UPDATE_B:
                return update(k, hint + "UPDATE ${p}_b SET w = w + 1 WHERE a_id = ?", id);
            case INSERT_C_TRIGGER:
                return update(k, hint + "INSERT INTO ${p}_c (id, n) SELECT CAST(? AS INT), 0 WHERE NOT EXISTS"
                        + " (SELECT 1 FROM ${p}_c WHERE id = ?)", id, id);
            case UPDATE_C_TRIGGER:
                return update(k, hint + "UPDATE ${p}_c SET n = n + ? WHERE id = ?", s.y, id);
            case WRITE_IN_QUERY:
            case DIALECT_WRITE:
                // H2's forms are beyond the parser: a hint then says all the write touches (SPEC 5.1), so it names
                // every read of table a, as a user must.
                return update(k, (s.flag ? "/*cache:ka,kj,kv,ksum*/ " : "") + database.dialectWrite(s.form), s.y, id);
            case TRUNCATE_AUDIT:
                if (othersInTransaction(k) || inTransaction(k)) {
                    // It would wait for their locks, or (PostgreSQL: ACCESS EXCLUSIVE until the commit) every read
                    // of the table by the others would wait for its own, on this very thread.
                    return false;
                }
                return update(k, hint + "TRUNCATE TABLE ${p}_c_audit");
            default:
                throw new AssertionError(s.form);
        }
    }

    private boolean update(int k, String text, int... parameters) throws SQLException {
        try (PreparedStatement ps = connections[k].prepareStatement(sql(text))) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setInt(i + 1, parameters[i]);
            }
            ps.execute();
        }
        return true;
    }

    /** Every read on every connection: through querycache, then on the real connection below it. */
    private void check(String after) throws SQLException {
        for (int k = 0; k < CONNECTIONS; k++) {
            Connection real = database.real(connections[k]);
            for (String read : READS) {
                String q = sql(read);
                List<List<String>> cached = rows(connections[k], q);
                List<List<String>> expected = rows(real, q);
                if (!Objects.equals(cached, expected)) {
                    throw new AssertionError("after " + after + ", connection " + k + " read " + q + "\n  cached: "
                            + cached + "\n  real:   " + expected + "\n  program so far:\n    "
                            + String.join("\n    ", log));
                }
            }
        }
    }

    private static List<List<String>> rows(Connection c, String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
