package io.querycache.integration;

import io.querycache.QueryCache;
import io.querycache.guarantees.ConsistencyChecker;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** G1, G2 and G3 under the real servers' MVCC. */
@Tag("integration")
class ServerGuaranteesTest {

    private static final int COMMITS = 600;

    private static void check(ServerDatabase db, boolean tagged, boolean rollbacks, int isolation) throws Exception {
        String table = ServerDatabase.unique("qc_counter");
        String cache = ServerDatabase.unique("consistency");
        db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v BIGINT NOT NULL)",
                "INSERT INTO " + table + " VALUES (1, 0)");
        try {
            ConsistencyChecker.Result result = ConsistencyChecker.run(() -> db.cached(cache), table, COMMITS, 3,
                    tagged, rollbacks, isolation);
            assertThat(result.violations).isEmpty();
            assertThat(result.reads).isGreaterThan(COMMITS);
            try (Connection c = db.cached(cache)) {
                assertThat(c.unwrap(QueryCache.class).stats().hits()).isPositive();
            }
        } finally {
            db.dropQuietly("DROP TABLE " + table);
        }
    }

    @Test
    void postgresReadCommitted() throws Exception {
        check(ServerDatabase.POSTGRES, true, false, Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void postgresRepeatableRead() throws Exception {
        check(ServerDatabase.POSTGRES, true, true, Connection.TRANSACTION_REPEATABLE_READ);
    }

    @Test
    void postgresUntaggedWrites() throws Exception {
        check(ServerDatabase.POSTGRES, false, false, Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void mariadbRepeatableRead() throws Exception {
        check(ServerDatabase.MARIADB, true, true, -1);
    }

    @Test
    void mariadbUntaggedWrites() throws Exception {
        check(ServerDatabase.MARIADB, false, false, -1);
    }

    /**
     * A REPEATABLE READ transaction that reads an old snapshot after another transaction's tagged commit:
     * that old result must not be stored.
     */
    @Test
    void anOldRepeatableReadSnapshotIsNeverStored() throws Exception {
        for (ServerDatabase db : new ServerDatabase[] {ServerDatabase.POSTGRES, ServerDatabase.MARIADB}) {
            String table = ServerDatabase.unique("qc_rr");
            String cache = ServerDatabase.unique("rr");
            String read = "/*cache:rr*/ SELECT v FROM " + table + " WHERE id = 1";
            db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL)",
                    "INSERT INTO " + table + " VALUES (1, 1), (2, 2)");
            try (Connection old = db.cached(cache); Connection writer = db.cached(cache)) {
                old.setAutoCommit(false);
                old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                assertThat(value(old, "SELECT v FROM " + table + " WHERE id = 2")).isEqualTo(2);
                try (PreparedStatement ps = writer.prepareStatement(
                        "/*cache:rr*/ UPDATE " + table + " SET v = 10 WHERE id = 1")) {
                    ps.executeUpdate();
                }
                assertThat(value(old, read)).as(db.directUrl() + ": the transaction's snapshot").isEqualTo(1);
                try (Connection third = db.cached(cache)) {
                    assertThat(value(third, read)).as(db.directUrl() + ": not the stored old result").isEqualTo(10);
                }
                old.commit();
            } finally {
                db.dropQuietly("DROP TABLE " + table);
            }
        }
    }

    private static int value(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
