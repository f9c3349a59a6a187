package io.querycache.cache;

import io.querycache.QueryCache;
import io.querycache.QueryCacheDataSource;
import io.querycache.QueryCacheStats.BypassReason;
import io.querycache.config.QueryCacheConfig;
import io.querycache.jdbc.Connections;
import io.querycache.testing.BlockingFunction;
import io.querycache.testing.H2Database;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static io.querycache.testing.H2Database.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC section 5: each rule, on H2, with a test that fails without it. */
class InvalidationTest {

    private static final String READ = "/*cache:countries*/ SELECT name FROM countries WHERE code = 'DE'";
    private static final String READ_BY_TABLE = "/*cache:unrelated*/ SELECT name FROM countries WHERE code = 'DE'";
    private static final String TAGGED_WRITE = "/*cache:countries*/ UPDATE countries SET name = ? WHERE code = 'DE'";

    private H2Database db;

    @BeforeEach
    void create() throws SQLException {
        db = new H2Database("invalidation");
        db.execute("CREATE TABLE countries(code CHAR(2) PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France')",
                "CREATE TABLE other(id INT PRIMARY KEY)");
    }

    private static void write(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    private QueryCache cache(Connection c) throws SQLException {
        return c.unwrap(QueryCache.class);
    }

    /** Reads through querycache on a fresh connection: what any other connection would be served now. */
    private String readElsewhere(String sql) throws SQLException {
        try (Connection c = db.cached()) {
            return single(c, sql);
        }
    }

    @Test
    void anAutocommitWriteInvalidatesBeforeItReturns() throws SQLException {
        try (Connection reader = db.cached(); Connection writer = db.cached()) {
            assertThat(single(reader, READ)).isEqualTo("Germany");
            assertThat(single(reader, READ)).isEqualTo("Germany");
            write(writer, TAGGED_WRITE, "Deutschland");
            assertThat(single(reader, READ)).isEqualTo("Deutschland");
        }
    }

    @Test
    void anUntaggedWriteInvalidatesTheTablesItWrites() throws SQLException {
        try (Connection reader = db.cached(); Connection writer = db.cached()) {
            assertThat(single(reader, READ_BY_TABLE)).isEqualTo("Germany");
            writer.createStatement().executeUpdate("UPDATE other SET id = id");
            assertThat(single(reader, READ_BY_TABLE)).as("another table: still cached").isEqualTo("Germany");
            assertThat(cache(reader).stats().hits()).isEqualTo(1);
            write(writer, "UPDATE PUBLIC.\"COUNTRIES\" SET name = ? WHERE code = 'DE'", "Deutschland");
            assertThat(single(reader, READ_BY_TABLE)).isEqualTo("Deutschland");
        }
    }

    @Test
    void aWriteInvalidatesAQueryThatReadsItsTableOnlyInAnOrderBySubquery() throws SQLException {
        String read = "/*cache:unrelated*/ SELECT name FROM countries WHERE code = 'DE'"
                + " ORDER BY (SELECT count(*) FROM other)";
        try (Connection reader = db.cached(); Connection writer = db.cached()) {
            single(reader, read);
            single(reader, read);
            assertThat(cache(reader).stats().hits()).isEqualTo(1);
            writer.createStatement().executeUpdate("INSERT INTO other VALUES (1)");
            single(reader, read);
            assertThat(cache(reader).stats().hits()).as("the write to other invalidated the entry").isEqualTo(1);
        }
    }

    @Test
    void withoutAutoInvalidationOnlyKeysInvalidate() throws SQLException {
        db.with("querycache.autoInvalidate", "false");
        try (Connection c = db.cached()) {
            assertThat(single(c, READ_BY_TABLE)).isEqualTo("Germany");
            write(c, "UPDATE countries SET name = ? WHERE code = 'DE'", "Deutschland");
            assertThat(single(c, READ_BY_TABLE)).as("stale by configuration: keys only").isEqualTo("Germany");
            write(c, "/*cache:unrelated*/ UPDATE countries SET name = ? WHERE code = 'DE'", "Allemagne");
            assertThat(single(c, READ_BY_TABLE)).isEqualTo("Allemagne");
        }
    }

    @Test
    void aWriteWhoseTablesAreUnknownInvalidatesEveryTableDependentEntryUnlessItIsHinted() throws SQLException {
        try (Connection c = db.cached()) {
            String keyOnly = "/*cache:settings*/ VALUES ('constant')";
            assertThat(single(c, READ_BY_TABLE)).isEqualTo("Germany");
            assertThat(single(c, keyOnly)).isEqualTo("constant");
            // RUNSCRIPT runs SQL the parser never sees.
            c.createStatement().execute("/*cache:settings2*/ RUNSCRIPT FROM '" + script("Deutschland") + "'");
            assertThat(single(c, READ_BY_TABLE)).as("hinted: its keys say what it touches").isEqualTo("Germany");
            c.createStatement().execute("RUNSCRIPT FROM '" + script("Allemagne") + "'");
            assertThat(single(c, READ_BY_TABLE)).isEqualTo("Allemagne");
            assertThat(single(c, keyOnly)).as("an entry with no table").isEqualTo("constant");
            assertThat(cache(c).stats().hits()).isEqualTo(2);
        }
    }

    private static String script(String name) throws SQLException {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("querycache", ".sql");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, "UPDATE countries SET name = '" + name + "' WHERE code = 'DE';");
            return file.toString().replace('\\', '/');
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    @Test
    void callingAProcedureInvalidatesEveryTableDependentEntryHintedOrNot() throws SQLException {
        db.execute("CREATE ALIAS RENAME_DE FOR \"io.querycache.testing.HiddenWrite.renameGermany\"");
        try (Connection c = db.cached()) {
            String keyOnly = "/*cache:settings*/ VALUES ('constant')";
            assertThat(single(c, READ_BY_TABLE)).isEqualTo("Germany");
            assertThat(single(c, keyOnly)).isEqualTo("constant");
            c.createStatement().execute("/*cache:settings2*/ CALL RENAME_DE('Deutschland')");
            assertThat(single(c, READ_BY_TABLE)).as("what a procedure writes cannot be seen").isEqualTo("Deutschland");
            assertThat(single(c, keyOnly)).as("an entry with no table").isEqualTo("constant");
            assertThat(cache(c).stats().hits()).isEqualTo(1);
        }
    }

    @Test
    void aDeclaredProcedureInvalidatesWhatItIsDeclaredToWrite() throws SQLException {
        db.with("querycache.dependencies", "rename_de=>countries");
        db.execute("CREATE ALIAS RENAME_DE FOR \"io.querycache.testing.HiddenWrite.renameGermany\"",
                "CREATE TABLE unrelated(n INT)", "INSERT INTO unrelated VALUES (7)");
        try (Connection c = db.cached()) {
            String other = "/*cache:other*/ SELECT n FROM unrelated";
            assertThat(single(c, READ_BY_TABLE)).isEqualTo("Germany");
            assertThat(single(c, other)).isEqualTo("7");
            c.createStatement().execute("CALL RENAME_DE('Deutschland')");
            assertThat(single(c, READ_BY_TABLE)).isEqualTo("Deutschland");
            assertThat(single(c, other)).as("not declared as written").isEqualTo("7");
            assertThat(cache(c).stats().hits()).isEqualTo(1);
        }
    }

    @Test
    void aFailedAutocommitWriteInvalidatesNothing() throws SQLException {
        try (Connection c = db.cached()) {
            single(c, READ);
            assertThatThrownBy(() -> c.createStatement().executeUpdate(
                    "/*cache:countries*/ INSERT INTO countries VALUES ('DE', 'duplicate')")).isInstanceOf(SQLException.class);
            single(c, READ);
            assertThat(cache(c).stats().hits()).isEqualTo(1);
        }
    }

    @Test
    void aFailedBatchInvalidatesBecausePartOfItMayHaveApplied() throws SQLException {
        try (Connection c = db.cached()) {
            assertThat(single(c, READ)).isEqualTo("Germany");
            try (Statement s = c.createStatement()) {
                s.addBatch("UPDATE countries SET name = 'Deutschland' WHERE code = 'DE'");
                s.addBatch("INSERT INTO countries VALUES ('FR', 'duplicate')");
                assertThatThrownBy(s::executeBatch).isInstanceOf(BatchUpdateException.class);
            }
            assertThat(single(c, READ)).isEqualTo("Deutschland");
        }
    }

    @Test
    void inATransactionOthersKeepTheCommittedSnapshotUntilCommit() throws SQLException {
        try (Connection reader = db.cached(); Connection writer = db.cached()) {
            single(reader, READ);
            writer.setAutoCommit(false);
            write(writer, TAGGED_WRITE, "Deutschland");
            assertThat(single(reader, READ)).isEqualTo("Germany");
            assertThat(readElsewhere(READ)).isEqualTo("Germany");
            writer.commit();
            assertThat(single(reader, READ)).isEqualTo("Deutschland");
        }
    }

    @Test
    void aCommitThatThrowsInvalidates() throws Exception {
        try (Connection reader = db.cached(); Connection real = db.direct()) {
            single(reader, READ);
            // The commit reaches the database, then the driver reports a failure: the outcome is unknown.
            Connection committingThenFailing = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        try {
                            Object result = method.invoke(real, args);
                            if (method.getName().equals("commit")) {
                                throw new SQLException("connection reset during commit", "08006");
                            }
                            return result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Properties p = new Properties();
            p.setProperty("querycache.name", db.cacheName);
            Connection writer = Connections.wrap(committingThenFailing, QueryCacheConfig.resolve(p).config(),
                    db.h2Url(), "sa", db::direct);
            writer.setAutoCommit(false);
            write(writer, TAGGED_WRITE, "Deutschland");
            assertThatThrownBy(writer::commit).hasMessageContaining("connection reset");
            assertThat(single(reader, READ)).isEqualTo("Deutschland");
        }
    }

    @Test
    void aRollbackInvalidatesNothing() throws SQLException {
        try (Connection c = db.cached(); Connection writer = db.cached()) {
            single(c, READ);
            writer.setAutoCommit(false);
            write(writer, TAGGED_WRITE, "Deutschland");
            writer.rollback();
            writer.commit();
            assertThat(single(c, READ)).isEqualTo("Germany");
            assertThat(cache(c).stats().hits()).isEqualTo(1);
        }
    }

    @Test
    void aRollbackToASavepointInvalidatesAndTheCommitStillDoes() throws SQLException {
        try (Connection c = db.cached(); Connection writer = db.cached()) {
            single(c, READ);
            writer.setAutoCommit(false);
            write(writer, TAGGED_WRITE, "Deutschland");
            Savepoint savepoint = writer.setSavepoint();
            write(writer, TAGGED_WRITE, "Allemagne");
            writer.rollback(savepoint);
            assertThat(single(c, READ)).as("reloaded: the committed value").isEqualTo("Germany");
            assertThat(cache(c).stats().hits()).isZero();
            writer.commit();
            assertThat(single(c, READ)).isEqualTo("Deutschland");
        }
    }

    @Test
    void turningAutocommitOnInsideATransactionInvalidates() throws SQLException {
        try (Connection c = db.cached(); Connection writer = db.cached()) {
            single(c, READ);
            writer.setAutoCommit(false);
            write(writer, TAGGED_WRITE, "Deutschland");
            writer.setAutoCommit(true);
            assertThat(single(c, READ)).isEqualTo("Deutschland");
        }
    }

    @Test
    void closingOrAbortingWithPendingWritesInvalidates() throws SQLException {
        try (Connection c = db.cached()) {
            single(c, READ);
            Connection writer = db.cached();
            writer.setAutoCommit(false);
            write(writer, TAGGED_WRITE, "Deutschland");
            writer.close();
            single(c, READ);
            assertThat(cache(c).stats().misses()).isEqualTo(2);

            Connection aborted = db.cached();
            aborted.setAutoCommit(false);
            write(aborted, TAGGED_WRITE, "Deutschland");
            aborted.abort(Runnable::run);
            single(c, READ);
            assertThat(cache(c).stats().misses()).isEqualTo(3);
        }
    }

    @Test
    void transactionControlSentAsSqlActsAsTheJdbcMethods() throws SQLException {
        try (Connection c = db.cached(); Connection writer = db.cached(); Statement s = writer.createStatement()) {
            single(c, READ);
            s.execute("BEGIN");
            write(writer, TAGGED_WRITE, "Deutschland");
            assertThat(single(c, READ)).as("not committed yet").isEqualTo("Germany");
            s.execute("COMMIT");
            assertThat(single(c, READ)).isEqualTo("Deutschland");

            s.execute("BEGIN TRANSACTION");
            write(writer, TAGGED_WRITE, "Allemagne");
            s.execute("ROLLBACK");
            assertThat(single(c, READ)).isEqualTo("Deutschland");
            assertThat(cache(c).stats().hits()).isEqualTo(2);
        }
    }

    @Test
    void setAutocommitSentAsSqlActsAsSetAutoCommit() throws SQLException {
        try (Connection c = db.cached(); Connection writer = db.cached(); Statement s = writer.createStatement()) {
            single(c, READ);
            s.execute("SET AUTOCOMMIT OFF");
            write(writer, TAGGED_WRITE, "Deutschland");
            assertThat(single(c, READ)).as("not committed yet").isEqualTo("Germany");
            assertThat(readElsewhere(READ)).isEqualTo("Germany");
            s.execute("COMMIT");
            assertThat(single(c, READ)).isEqualTo("Deutschland");
            write(writer, TAGGED_WRITE, "Allemagne");
            s.execute("SET AUTOCOMMIT ON");
            assertThat(single(c, READ)).as("turning autocommit on commits").isEqualTo("Allemagne");
        }
    }

    @Test
    void readYourOwnWritesInsideATransactionWithoutStoringThem() throws SQLException {
        try (Connection c = db.cached(); Connection writer = db.cached()) {
            single(c, READ);
            writer.setAutoCommit(false);
            write(writer, TAGGED_WRITE, "Deutschland");
            assertThat(single(writer, READ)).as("the writer sees its own write").isEqualTo("Deutschland");
            assertThat(single(writer, READ_BY_TABLE)).as("dependent by table").isEqualTo("Deutschland");
            assertThat(single(c, READ)).as("others keep the committed snapshot").isEqualTo("Germany");
            assertThat(cache(c).stats().bypassesByReason().get(BypassReason.PENDING_WRITE)).isEqualTo(2);
            writer.rollback();
            assertThat(single(c, READ)).isEqualTo("Germany");
            assertThat(single(writer, READ)).isEqualTo("Germany");
        }
    }

    @Test
    void aLoadThatStartedBeforeACommitIsNotStored() throws Exception {
        db.with("querycache.dependencies", "countries=>hold"); // the alias reads nothing else and writes nothing
        db.execute("CREATE ALIAS HOLD FOR \"io.querycache.testing.BlockingFunction.hold\"");
        BlockingFunction.reset();
        String slowRead = "/*cache:countries*/ SELECT name, HOLD() FROM countries WHERE code = 'DE'";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection reader = db.cached(); Connection writer = db.cached()) {
            Future<String> load = pool.submit(() -> single(reader, slowRead));
            assertThat(BlockingFunction.started.await(10, TimeUnit.SECONDS)).isTrue();
            write(writer, TAGGED_WRITE, "Deutschland");
            BlockingFunction.release.countDown();
            assertThat(load.get(10, TimeUnit.SECONDS)).as("the load read the old row").isEqualTo("Germany");
            assertThat(readElsewhere(slowRead)).as("and was not stored").isEqualTo("Deutschland");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRepeatableReadLoadCountsFromTheTransactionsFirstStatement() throws SQLException {
        try (Connection old = db.cached(); Connection writer = db.cached()) {
            old.setAutoCommit(false);
            old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            single(old, "SELECT count(*) FROM other");
            single(old, "SELECT name FROM countries WHERE code = 'FR'");
            write(writer, TAGGED_WRITE, "Deutschland");
            assertThat(single(old, READ)).as("its snapshot predates the commit").isEqualTo("Germany");
            assertThat(readElsewhere(READ)).as("that old result was not stored").isEqualTo("Deutschland");
            old.commit();
        }
    }

    @Test
    void thePublicApiInvalidatesByKeyTableOrEverything() throws Exception {
        try (Connection c = db.cached()) {
            QueryCache cache = cache(c);
            single(c, READ);
            db.execute("UPDATE countries SET name = 'Deutschland' WHERE code = 'DE'");
            assertThat(single(c, READ)).as("written behind querycache's back").isEqualTo("Germany");
            cache.invalidate("countries");
            assertThat(single(c, READ)).isEqualTo("Deutschland");

            db.execute("UPDATE countries SET name = 'Allemagne' WHERE code = 'DE'");
            cache.invalidateTables("PUBLIC.COUNTRIES");
            assertThat(single(c, READ)).isEqualTo("Allemagne");

            db.execute("UPDATE countries SET name = 'Germania' WHERE code = 'DE'");
            cache.invalidateAll();
            assertThat(single(c, READ)).isEqualTo("Germania");
            assertThat(cache.stats().keyInvalidations()).isEqualTo(1);
            assertThat(cache.stats().tableInvalidations()).isEqualTo(1);
            assertThat(cache.stats().fullInvalidations()).isEqualTo(1);
            assertThatThrownBy(() -> cache.invalidate((String) null)).isInstanceOf(IllegalArgumentException.class);

            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.querycache:type=QueryCache,name=" + ObjectName.quote(cache.name()));
            assertThat(server.getAttribute(name, "Hits")).isEqualTo(cache.stats().hits());
            assertThat((Long) server.getAttribute(name, "Entries")).isEqualTo(1L);
            server.invoke(name, "invalidate", new Object[] {"countries"}, new String[] {String.class.getName()});
            single(c, READ);
            assertThat(cache.stats().misses()).as("the JMX invalidation took effect").isEqualTo(5);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(db.h2Url());
        h2.setUser("sa");
        QueryCacheDataSource ds = new QueryCacheDataSource(h2);
        ds.setName(db.cacheName);
        assertThat(ds.unwrap(QueryCache.class)).isSameAs(io.querycache.QueryCacheDriver.cache(db.cacheName));
    }

    @Test
    void invalidatingDoesNotWalkTheEntries() throws SQLException {
        try (Connection c = db.cached();
             PreparedStatement ps = c.prepareStatement("/*cache:many*/ SELECT ? FROM countries WHERE code = 'DE'")) {
            for (int i = 0; i < 5000; i++) {
                ps.setInt(1, i);
                ps.executeQuery().close();
            }
            QueryCache cache = cache(c);
            assertThat(cache.stats().entries()).isEqualTo(5000);
            cache.invalidate("many");
            assertThat(cache.stats().entries()).as("no entry was touched: they are checked lazily").isEqualTo(5000);
            ps.setInt(1, 7);
            ps.executeQuery().close();
            assertThat(cache.stats().hits()).isZero();
        }
    }
}
