package io.querycache.guarantees;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks G1-G3 under concurrency: one writer commits increments of a counter row, readers read it through
 * the cache. A read must never return a value older than the last commit that had returned before the read
 * began (G1), nor a value that was never committed (G2: the writer may also write a huge value and roll it
 * back, which must never be seen).
 *
 * <p>Reused by the H2 tests and by the PostgreSQL and MariaDB integration tests.
 */
public final class ConsistencyChecker {

    /** A value the writer writes only in transactions it rolls back. */
    public static final long NEVER_COMMITTED = 1_000_000_000L;

    /** Opens a querycache connection. */
    public interface Connector {
        Connection open() throws SQLException;
    }

    public static final class Result {
        public final List<String> violations;
        public final long reads;
        public final long commits;

        Result(List<String> violations, long reads, long commits) {
            this.violations = violations;
            this.reads = reads;
            this.commits = commits;
        }
    }

    private ConsistencyChecker() {
    }

    /**
     * @param table         a table holding one row (id 1, v 0)
     * @param taggedWrites  hint the writes with the read's key; else rely on table invalidation
     * @param rollbackEveryOther  every other transaction writes {@link #NEVER_COMMITTED} and rolls back
     * @param readerIsolation     the readers' isolation level, or -1 for the default (autocommit reads)
     */
    /** How the writer opens and ends its transactions. */
    public enum WriterControl {
        /** {@code setAutoCommit(false)}, {@code commit()}, {@code rollback()}. */
        JDBC,
        /** {@code BEGIN}, {@code COMMIT}, {@code ROLLBACK} sent as SQL in autocommit mode. */
        SQL_BEGIN,
        /** {@code SET autocommit=0} once (MySQL, MariaDB, H2), then {@code COMMIT} and {@code ROLLBACK} as SQL. */
        SQL_AUTOCOMMIT_OFF
    }

    public static Result run(Connector connector, String table, int commits, int readers, boolean taggedWrites,
                             boolean rollbackEveryOther, int readerIsolation) throws Exception {
        return run(connector, table, commits, readers, taggedWrites, rollbackEveryOther, readerIsolation,
                WriterControl.JDBC);
    }

    public static Result run(Connector connector, String table, int commits, int readers, boolean taggedWrites,
                             boolean rollbackEveryOther, int readerIsolation, WriterControl control) throws Exception {
        String read = "/*cache:counter_" + table + "*/ SELECT v FROM " + table + " WHERE id = 1";
        String write = (taggedWrites ? "/*cache:counter_" + table + "*/ " : "") + "UPDATE " + table
                + " SET v = ? WHERE id = 1";
        AtomicLong published = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                Callable<Void> reader = () -> {
                    try (Connection c = connector.open(); PreparedStatement ps = c.prepareStatement(read)) {
                        if (readerIsolation >= 0) {
                            c.setTransactionIsolation(readerIsolation);
                        }
                        while (!done.get() && violations.size() < 10) {
                            long floor = published.get();
                            long value;
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                value = rs.getLong(1);
                            }
                            reads.incrementAndGet();
                            long ceiling = published.get() + 1;
                            if (value < floor) {
                                violations.add("G1: read " + value + " after the commit of " + floor + " had returned");
                            } else if (value >= NEVER_COMMITTED) {
                                violations.add("G2: read the rolled-back value " + value);
                            } else if (value > ceiling) {
                                violations.add("read " + value + ", which was not yet written (ceiling " + ceiling + ")");
                            }
                        }
                    }
                    return null;
                };
                tasks.add(pool.submit(reader));
            }
            Callable<Void> writer = () -> {
                try (Connection c = connector.open(); PreparedStatement ps = c.prepareStatement(write);
                     java.sql.Statement controlStatement = c.createStatement()) {
                    Transactions tx = new Transactions(c, controlStatement, control);
                    long value = 0;
                    for (int i = 0; i < commits; i++) {
                        if (rollbackEveryOther) {
                            tx.begin();
                            ps.setLong(1, NEVER_COMMITTED + i);
                            ps.executeUpdate();
                            tx.rollback();
                        }
                        value++;
                        tx.begin();
                        ps.setLong(1, value);
                        ps.executeUpdate();
                        tx.commit();
                        published.set(value);
                    }
                } finally {
                    done.set(true);
                }
                return null;
            };
            Future<?> writing = pool.submit(writer);
            writing.get(5, TimeUnit.MINUTES);
            for (Future<?> task : tasks) {
                task.get(1, TimeUnit.MINUTES);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        return new Result(new ArrayList<>(violations), reads.get(), commits);
    }

    /** The writer's transaction control, by JDBC methods or by SQL. */
    private static final class Transactions {
        private final Connection connection;
        private final java.sql.Statement statement;
        private final WriterControl control;

        Transactions(Connection connection, java.sql.Statement statement, WriterControl control) throws SQLException {
            this.connection = connection;
            this.statement = statement;
            this.control = control;
            if (control == WriterControl.JDBC) {
                connection.setAutoCommit(false);
            } else if (control == WriterControl.SQL_AUTOCOMMIT_OFF) {
                statement.execute("SET autocommit=0");
            }
        }

        void begin() throws SQLException {
            if (control == WriterControl.SQL_BEGIN) {
                statement.execute("BEGIN");
            }
        }

        void commit() throws SQLException {
            if (control == WriterControl.JDBC) {
                connection.commit();
            } else {
                statement.execute("COMMIT");
            }
        }

        void rollback() throws SQLException {
            if (control == WriterControl.JDBC) {
                connection.rollback();
            } else {
                statement.execute("ROLLBACK");
            }
        }
    }
}
