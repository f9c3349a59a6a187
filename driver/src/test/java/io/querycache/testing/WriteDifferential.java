package io.querycache.testing;

import io.querycache.QueryCache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The write-forms differential (issue 11): a cached read must never go stale because the database changed more
 * than the write statement names (cascades, partitions, triggers, views, functions, executable comments...).
 *
 * <p>A {@link Case} is one row: a name, setup SQL run on a raw connection, the {@link Write}, and the reads
 * whose results the write changes. Every name in setup, write and reads is written with the placeholder
 * {@code ${p}}, replaced by a prefix unique to the run (so runs never collide and cleanup finds everything by
 * prefix). Per case and {@link Mode}, {@link #run} does:
 * <ol>
 *   <li>setup on a raw connection;</li>
 *   <li>opens two querycache connections A and B of one fresh cache;</li>
 *   <li>primes every read through A as {@code /*cache:k<i>*&#47; <read>} twice, the second a cache hit;</li>
 *   <li>runs the optional {@linkplain Case#behind behind-the-driver} statements on the raw connection (changes
 *       the cache cannot see: they prove that a conservative fallback invalidated everything);</li>
 *   <li>runs the write through B, in autocommit, in a transaction committed with {@code commit()}, and (for
 *       plain-SQL writes) in autocommit with an unrelated hint on every statement ({@link Mode#HINTED});</li>
 *   <li>checks that the write (or the behind change) really changed what every read returns on the raw
 *       connection (else the case proves nothing), then that A's hinted read equals the raw read (rows as lists
 *       of {@code getObject} values, or both throw);</li>
 *   <li>drops every object whose name starts with the prefix, even on failure.</li>
 * </ol>
 */
public final class WriteDifferential {

    /** The placeholder for the run's unique prefix, in setup, write, reads and property values. */
    public static final String PLACEHOLDER = "${p}";

    private static final ThreadLocal<String> PREFIX = new ThreadLocal<>();

    private WriteDifferential() {
    }

    /** The write under test, run through querycache connection B. */
    @FunctionalInterface
    public interface Write {
        void run(Connection c) throws SQLException;
    }

    /** How B runs the write. */
    public enum Mode {
        AUTOCOMMIT("autocommit"),
        TRANSACTION("commit()"),
        /**
         * Autocommit, every {@link #sql} statement carrying an unrelated hint {@code /*cache:unrelated_write*&#47;}:
         * the hint adds keys, it must not replace what the driver finds the write changes (SPEC 5.1).
         */
        HINTED("hinted, autocommit");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The hint of {@link Mode#HINTED}. */
    public static final String UNRELATED_HINT = "/*cache:unrelated_write*/ ";

    private static final ThreadLocal<Boolean> HINTED = ThreadLocal.withInitial(() -> false);

    /**
     * The parameterized runs of a case table: every case in autocommit and in a committed transaction, and the
     * hintable ones (plain {@link #sql} writes not marked {@link Case#unhinted}) once more with a hint.
     */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> runs(
            java.util.stream.Stream<Case> cases) {
        return cases.flatMap(c -> java.util.stream.Stream.of(Mode.values())
                .filter(m -> m != Mode.HINTED || c.hintable)
                .map(m -> org.junit.jupiter.params.provider.Arguments.of(c, m)));
    }

    /** Plain statements, each run with {@link Statement#execute}, the placeholder replaced. */
    public static Write sql(String... statements) {
        List<String> list = Arrays.asList(statements);
        return c -> {
            try (Statement s = c.createStatement()) {
                for (String q : list) {
                    s.execute((HINTED.get() ? UNRELATED_HINT : "") + named(q));
                }
            }
        };
    }

    /**
     * The text with {@code ${p}} replaced by the prefix of the case running on this thread: for writes written as
     * lambdas.
     */
    public static String named(String text) {
        String p = PREFIX.get();
        if (p == null) {
            throw new IllegalStateException("named() is only valid while a case runs");
        }
        return text.replace(PLACEHOLDER, p);
    }

    /** Selects one row of an updatable result set (the query must name the primary key) and updates a column. */
    public static Write updateRow(String select, String column, Object value) {
        return c -> {
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                 ResultSet rs = s.executeQuery(named(select))) {
                if (!rs.next()) {
                    throw new SQLException("updateRow: no row for " + named(select));
                }
                rs.updateObject(column, value);
                rs.updateRow();
            }
        };
    }

    /** Inserts a row through an updatable result set: column, value, column, value... */
    public static Write insertRow(String select, Object... columnsAndValues) {
        return c -> {
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                 ResultSet rs = s.executeQuery(named(select))) {
                rs.moveToInsertRow();
                for (int i = 0; i < columnsAndValues.length; i += 2) {
                    rs.updateObject((String) columnsAndValues[i], columnsAndValues[i + 1]);
                }
                rs.insertRow();
                rs.moveToCurrentRow();
            }
        };
    }

    /** Deletes the first row of an updatable result set. */
    public static Write deleteRow(String select) {
        return c -> {
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                 ResultSet rs = s.executeQuery(named(select))) {
                if (!rs.next()) {
                    throw new SQLException("deleteRow: no row for " + named(select));
                }
                rs.deleteRow();
            }
        };
    }

    /** One row of a case table. Build with {@link #of} and the chained setters. */
    public static final class Case {
        final String name;
        final List<String> setup = new ArrayList<>();
        final List<String> behind = new ArrayList<>();
        final List<String> reads = new ArrayList<>();
        final Map<String, String> properties = new LinkedHashMap<>();
        Write write;
        boolean hintable;

        private Case(String name) {
            this.name = name;
        }

        public static Case of(String name) {
            return new Case(name);
        }

        /** Statements run in order on a raw autocommit connection before anything is cached. */
        public Case setup(String... statements) {
            setup.addAll(Arrays.asList(statements));
            return this;
        }

        public Case write(Write w) {
            this.write = w;
            this.hintable = false;
            return this;
        }

        /** Shorthand for {@code write(sql(statements))}; such a case also runs {@link Mode#HINTED}. */
        public Case write(String... statements) {
            write(sql(statements));
            this.hintable = true;
            return this;
        }

        /**
         * No {@link Mode#HINTED} run: for writes the SPEC lets a hint bound (a routine call, whose hint keys say
         * what it touches) and for SELECT-shaped writes, which a hint would make a cacheable query.
         */
        public Case unhinted() {
            this.hintable = false;
            return this;
        }

        /** The queries whose results the write changes; each is cached under its own key. */
        public Case reads(String... queries) {
            reads.addAll(Arrays.asList(queries));
            return this;
        }

        /**
         * Raw statements run after priming and before the write: a change querycache cannot see. Its reads stay
         * fresh only if the write invalidated everything (the conservative fallbacks of SPEC 5.1).
         */
        public Case behind(String... statements) {
            behind.addAll(Arrays.asList(statements));
            return this;
        }

        /**
         * A connection property ({@code ${p}} replaced): {@code querycache.*} ones go to A and B only, the others
         * to A, B and the raw connection.
         */
        public Case with(String property, String value) {
            properties.put(property, value);
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Where the cases run: how to open raw and querycache connections, and how to drop a run's objects. */
    public interface Target {
        Connection raw(String prefix, Properties properties) throws SQLException;

        Connection cached(String prefix, String cacheName, Properties properties) throws SQLException;

        /** Drops every object whose name starts with the prefix (the database itself for H2). */
        void dropAll(String prefix) throws SQLException;
    }

    /** Runs one case in one mode; throws AssertionError naming the case, read and both results on staleness. */
    public static void run(Target target, Case c, Mode mode) throws Exception {
        String prefix = ServerDatabase.unique("qw").toLowerCase(java.util.Locale.ROOT);
        String cacheName = prefix + "_cache";
        Properties rawProps = new Properties();
        Properties cachedProps = new Properties();
        for (Map.Entry<String, String> e : c.properties.entrySet()) {
            String v = e.getValue().replace(PLACEHOLDER, prefix);
            cachedProps.setProperty(e.getKey(), v);
            if (!e.getKey().startsWith("querycache.")) {
                rawProps.setProperty(e.getKey(), v);
            }
        }
        String where = "[" + c.name + " / " + mode + "] ";
        PREFIX.set(prefix);
        HINTED.set(mode == Mode.HINTED);
        try {
            try (Connection raw = target.raw(prefix, rawProps)) {
                try (Statement s = raw.createStatement()) {
                    for (String q : c.setup) {
                        try {
                            s.execute(named(q));
                        } catch (SQLException e) {
                            throw new AssertionError(where + "setup failed (a mistake in the case): " + named(q) + ": " + e, e);
                        }
                    }
                }
                List<String> hinted = new ArrayList<>();
                for (int i = 0; i < c.reads.size(); i++) {
                    hinted.add("/*cache:k" + i + "*/ " + named(c.reads.get(i)));
                }
                Connection a;
                Connection b;
                try {
                    a = target.cached(prefix, cacheName, cachedProps);
                    b = target.cached(prefix, cacheName, cachedProps);
                } catch (SQLException e) {
                    throw new AssertionError(where + "cannot open the querycache connections with " + cachedProps
                            + ": " + e, e);
                }
                try (Connection ca = a; Connection cb = b) {
                    QueryCache cache = a.unwrap(QueryCache.class);
                    List<Object> primed = new ArrayList<>();
                    for (String q : hinted) {
                        Object first = result(a, q);
                        if (first instanceof Failure) {
                            throw new AssertionError(where + "priming read failed: " + q + " -> " + first);
                        }
                        long hits = cache.stats().hits();
                        Object second = result(a, q);
                        if (cache.stats().hits() != hits + 1) {
                            throw new AssertionError(where + "precondition: the second priming of " + q
                                    + " was not a cache hit (hits " + hits + " -> " + cache.stats().hits() + ")");
                        }
                        if (!first.equals(second)) {
                            throw new AssertionError(where + "the hit differs from the load: " + first + " vs " + second);
                        }
                        primed.add(first);
                    }
                    if (!c.behind.isEmpty()) {
                        try (Statement s = raw.createStatement()) {
                            for (String q : c.behind) {
                                s.execute(named(q));
                            }
                        }
                    }
                    try {
                        if (mode == Mode.TRANSACTION) {
                            b.setAutoCommit(false);
                            c.write.run(b);
                            b.commit();
                        } else {
                            c.write.run(b);
                        }
                    } catch (SQLException e) {
                        throw new AssertionError(where + "the write failed (a mistake in the case?): " + e, e);
                    }
                    List<String> stale = new ArrayList<>();
                    for (int i = 0; i < hinted.size(); i++) {
                        Object live = result(raw, named(c.reads.get(i)));
                        if (live.equals(primed.get(i))) {
                            throw new AssertionError(where + "ineffective case: the write did not change what "
                                    + named(c.reads.get(i)) + " returns on the raw connection: " + live);
                        }
                        Object cached = result(a, hinted.get(i));
                        if (!cached.equals(live)) {
                            stale.add("read " + hinted.get(i) + "\n    cached: " + cached + "\n    raw:    " + live
                                    + "\n    primed: " + primed.get(i));
                        }
                    }
                    if (!stale.isEmpty()) {
                        throw new AssertionError(where + "stale cached read after the write:\n  "
                                + String.join("\n  ", stale));
                    }
                }
            }
        } finally {
            PREFIX.remove();
            HINTED.remove();
            try {
                target.dropAll(prefix);
            } catch (SQLException e) {
                // a leftover with a unique prefix harms no other run
                System.err.println("cleanup of " + prefix + " failed: " + e);
            }
        }
    }

    /** A read that threw: equal to any other failure (both throw). */
    static final class Failure {
        final String message;

        Failure(SQLException e) {
            this.message = e.getSQLState() + " " + e.getMessage();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Failure;
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        public String toString() {
            return "throws " + message;
        }
    }

    /** The rows as lists of getObject values, or a Failure. */
    static Object result(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(Collections.unmodifiableList(row));
            }
            return rows;
        } catch (SQLException e) {
            return new Failure(e);
        }
    }

    // ----------------------------------------------------------------------------------------------- targets

    /** A fresh in-memory H2 database per run, named by the prefix. */
    public static Target h2() {
        return new Target() {
            private String url(String prefix) {
                // DEFAULT_CONNECTION: Java routines reach their caller's session through jdbc:default:connection
                return "h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;DEFAULT_CONNECTION=TRUE";
            }

            @Override
            public Connection raw(String prefix, Properties properties) throws SQLException {
                Properties p = new Properties();
                p.putAll(properties);
                p.setProperty("user", "sa");
                p.setProperty("password", "");
                return DriverManager.getConnection("jdbc:" + url(prefix), p);
            }

            @Override
            public Connection cached(String prefix, String cacheName, Properties properties) throws SQLException {
                Properties p = new Properties();
                p.putAll(properties);
                p.setProperty("user", "sa");
                p.setProperty("password", "");
                p.setProperty("querycache.name", cacheName);
                return DriverManager.getConnection("jdbc:querycache:" + url(prefix), p);
            }

            @Override
            public void dropAll(String prefix) throws SQLException {
                try (Connection c = raw(prefix, new Properties()); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        };
    }

    /** PostgreSQL or MariaDB on loopback; objects in the default schema (and schemas/databases) named by prefix. */
    public static Target server(ServerDatabase db) {
        return new Target() {
            @Override
            public Connection raw(String prefix, Properties properties) throws SQLException {
                Properties p = new Properties();
                p.putAll(properties);
                p.setProperty("user", db.user());
                p.setProperty("password", "");
                return DriverManager.getConnection(db.directUrl(), p);
            }

            @Override
            public Connection cached(String prefix, String cacheName, Properties properties) throws SQLException {
                Properties p = new Properties();
                p.putAll(properties);
                p.setProperty("user", db.user());
                p.setProperty("password", "");
                p.setProperty("querycache.name", cacheName);
                return DriverManager.getConnection(db.cachedUrl(), p);
            }

            @Override
            public void dropAll(String prefix) throws SQLException {
                try (Connection c = raw(prefix, new Properties())) {
                    if (db.isPostgres()) {
                        dropPostgres(c, prefix);
                    } else {
                        dropMariadb(c, prefix);
                    }
                }
            }
        };
    }

    private static List<String> strings(Connection c, String sql, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void dropEach(Connection c, List<String> statements) {
        for (String q : statements) {
            try (Statement s = c.createStatement()) {
                s.execute(q);
            } catch (SQLException ignored) {
                // gone with an earlier CASCADE
            }
        }
    }

    private static void dropPostgres(Connection c, String prefix) throws SQLException {
        dropEach(c, strings(c, "SELECT 'DROP SCHEMA IF EXISTS ' || quote_ident(nspname) || ' CASCADE' FROM pg_namespace"
                + " WHERE left(nspname, ?) = ?", prefix));
        dropEach(c, strings(c, "SELECT 'DROP ' || CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'"
                + " WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END || ' IF EXISTS ' || c.oid::regclass || ' CASCADE'"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
                + " AND left(c.relname, ?) = ?", prefix));
        dropEach(c, strings(c, "SELECT 'DROP ROUTINE IF EXISTS ' || p.oid::regprocedure || ' CASCADE'"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = current_schema() AND left(p.proname, ?) = ?", prefix));
    }

    private static void dropMariadb(Connection c, String prefix) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET FOREIGN_KEY_CHECKS = 0");
        }
        dropEach(c, strings(c, "SELECT CONCAT('DROP DATABASE IF EXISTS `', schema_name, '`')"
                + " FROM information_schema.schemata WHERE LEFT(schema_name, ?) = ?", prefix));
        dropEach(c, strings(c, "SELECT CONCAT(IF(table_type = 'VIEW', 'DROP VIEW IF EXISTS `', 'DROP TABLE IF EXISTS `'),"
                + " table_name, '`') FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND LEFT(table_name, ?) = ? ORDER BY table_type = 'VIEW' DESC", prefix));
        dropEach(c, strings(c, "SELECT CONCAT('DROP ', routine_type, ' IF EXISTS `', routine_name, '`')"
                + " FROM information_schema.routines WHERE routine_schema = DATABASE()"
                + " AND LEFT(routine_name, ?) = ?", prefix));
    }
}
