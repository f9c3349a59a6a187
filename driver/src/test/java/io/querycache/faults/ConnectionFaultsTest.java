package io.querycache.faults;

import io.querycache.QueryCache;
import io.querycache.testing.LoopbackProxy;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on PostgreSQL and MariaDB, each run twice, on a raw connection and on a querycache connection: the
 * connection killed ({@code pg_terminate_backend}, {@code KILL}) while a hinted read is being captured, during a
 * tagged write, before and during a commit; a commit's answer lost on the network (the server commits, the
 * client sees the connection break); a statement timeout during a hinted read and during a write. For each:
 * the application sees the exception the real driver throws in the same situation (same class and SQLState),
 * nothing stale or partial is stored (afterwards a cached read equals a raw read), and where the commit's
 * outcome is unknown to the application, what the transaction wrote is invalidated.
 */
@Tag("integration")
class ConnectionFaultsTest {

    /** What the application does; it runs on its own thread, while the test injects the fault. */
    interface AppSteps {
        void run(App app) throws Exception;
    }

    /** What the test does to the application's connection, from the control connection. */
    interface Injector {
        void inject(Injection in) throws Exception;
    }

    /** What is set up before the application starts (a lock held). */
    interface Setup {
        void before(FaultFixture f) throws Exception;
    }

    static final class App {
        final Connection connection;
        final FaultFixture fixture;
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        volatile String at = "";

        App(Connection connection, FaultFixture fixture) {
            this.connection = connection;
            this.fixture = fixture;
        }

        /** The application's side of a handshake: it is ready, and waits until the fault is in place. */
        void readyThenWait() throws InterruptedException {
            ready.countDown();
            assertThat(go.await(30, TimeUnit.SECONDS)).as("the test let the application go on").isTrue();
        }

        void update(String sql) throws SQLException {
            at = sql.substring(sql.indexOf("*/") + 3, sql.indexOf(" SET"));
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(sql);
            }
        }

        void commit() throws SQLException {
            at = "commit()";
            connection.commit();
        }
    }

    static final class Injection {
        final FaultFixture fixture;
        final App app;
        final long backend;
        final LoopbackProxy proxy;
        final Future<?> application;

        Injection(FaultFixture fixture, App app, long backend, LoopbackProxy proxy, Future<?> application) {
            this.fixture = fixture;
            this.app = app;
            this.backend = backend;
            this.proxy = proxy;
            this.application = application;
        }

        /** The application has run into the fault by itself (a timeout): wait until it is done. */
        void awaitApplication() throws Exception {
            try {
                application.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                // its exception is the outcome, read by the harness
            }
        }

        /** The server commits what the application sent while its answer is dropped; then the link breaks. */
        void loseTheAnswer() throws Exception {
            assertThat(app.ready.await(30, TimeUnit.SECONDS)).isTrue();
            long before = fixture.value(1);
            proxy.dropAnswers();
            app.go.countDown();
            FaultFixture.await("the server applied the write", () -> fixture.value(1) > before);
            proxy.cut();
        }
    }

    /** One row of the table of faults. */
    static final class FaultCase {
        final String name;
        final boolean postgresOnly;
        final boolean viaProxy;
        /** The entry is in the cache when the fault happens (else the faulty read is the one loading it). */
        final boolean warm;
        /** The application cannot know whether the commit happened: the entry must be invalidated. */
        final boolean outcomeUnknown;
        final Setup setup;
        final AppSteps steps;
        final Injector injector;

        FaultCase(String name, boolean postgresOnly, boolean viaProxy, boolean warm, boolean outcomeUnknown,
                  Setup setup, AppSteps steps, Injector injector) {
            this.name = name;
            this.postgresOnly = postgresOnly;
            this.viaProxy = viaProxy;
            this.warm = warm;
            this.outcomeUnknown = outcomeUnknown;
            this.setup = setup;
            this.steps = steps;
            this.injector = injector;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What one run saw. */
    static final class Outcome {
        Class<?> type;
        String sqlState;
        String message;
        String at;
        SQLException cause;

        String describe() {
            return type == null ? "no exception" : type.getSimpleName() + " " + sqlState + " at " + at;
        }
    }

    /** Reads every row of the hinted read, streaming (PostgreSQL streams only with a fetch size, autocommit off). */
    private static void streamingRead(App app, boolean timeout) throws SQLException {
        boolean postgres = app.fixture.db.isPostgres();
        if (timeout && postgres) {
            // pgjdbc's setQueryTimeout covers executeQuery, not the fetches of a streaming result: the server's
            // statement_timeout does (each Execute of the portal).
            try (Statement s = app.connection.createStatement()) {
                s.execute("SET statement_timeout = 2000");
            }
        }
        app.connection.setAutoCommit(false);
        try (Statement s = app.connection.createStatement()) {
            s.setFetchSize(100);
            if (timeout && !postgres) {
                s.setQueryTimeout(2);
            }
            app.at = "executeQuery";
            try (java.sql.ResultSet rs = s.executeQuery(app.fixture.read)) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    app.at = "next() after " + rows + " rows";
                }
            }
        }
    }

    /** A tagged write in a transaction, then its commit; with {@code handshake}, the fault comes in between. */
    private static void writeThenCommit(App app, boolean handshake) throws Exception {
        app.connection.setAutoCommit(false);
        app.update(app.fixture.write(1));
        if (handshake) {
            app.readyThenWait();
        }
        app.commit();
    }

    private static void killWhenWaiting(Injection in) throws Exception {
        in.fixture.awaitWaiting(in.backend, in.application);
        in.fixture.kill(in.backend);
    }

    /** The statement waits for a lock the test holds until the application is done: only a timeout ends it. */
    private static void timesOut(Injection in) throws Exception {
        in.awaitApplication();
    }

    private static void killWhenReady(Injection in) throws Exception {
        assertThat(in.app.ready.await(30, TimeUnit.SECONDS)).isTrue();
        in.fixture.kill(in.backend);
        in.app.go.countDown();
    }

    private static final Setup NOTHING = f -> { };
    private static final Setup GATE = FaultFixture::holdGate;
    private static final Setup ROW_1_LOCKED = f -> f.lockRow(1);

    static final List<FaultCase> CASES = List.of(
            new FaultCase("killed while a hinted read is captured, between rows", false, false, false, false,
                    GATE, app -> streamingRead(app, false), ConnectionFaultsTest::killWhenWaiting),
            new FaultCase("statement timeout (PostgreSQL statement_timeout, MariaDB setQueryTimeout) while a hinted"
                    + " read is captured", false, false, false, false, GATE,
                    app -> streamingRead(app, true), ConnectionFaultsTest::timesOut),
            new FaultCase("killed during a tagged write in a transaction", false, false, true, false,
                    ROW_1_LOCKED, app -> {
                        app.connection.setAutoCommit(false);
                        app.update(app.fixture.write(2));
                        app.update(app.fixture.write(1));
                    }, ConnectionFaultsTest::killWhenWaiting),
            new FaultCase("killed during a tagged autocommit write", false, false, true, true,
                    ROW_1_LOCKED, app -> app.update(app.fixture.write(1)), ConnectionFaultsTest::killWhenWaiting),
            new FaultCase("statement timeout (statement_timeout, max_statement_time) during a tagged write in a"
                    + " transaction", false, false, true, false, ROW_1_LOCKED, app -> {
                        try (Statement s = app.connection.createStatement()) {
                            s.execute(app.fixture.db.isPostgres() ? "SET statement_timeout = 2000"
                                    : "SET SESSION max_statement_time = 2");
                        }
                        app.connection.setAutoCommit(false);
                        app.update(app.fixture.write(2));
                        app.update(app.fixture.write(1));
                    }, ConnectionFaultsTest::timesOut),
            new FaultCase("killed right before commit()", false, false, true, true, NOTHING,
                    app -> writeThenCommit(app, true), ConnectionFaultsTest::killWhenReady),
            new FaultCase("killed while commit() waits in a deferred constraint trigger", true, false, true, true,
                    GATE, app -> writeThenCommit(app, false), ConnectionFaultsTest::killWhenWaiting),
            new FaultCase("commit() applied by the server, its answer lost (connection broken)", false, true, true,
                    true, NOTHING, app -> writeThenCommit(app, true), Injection::loseTheAnswer),
            new FaultCase("tagged autocommit write applied by the server, its answer lost", false, true, true, true,
                    NOTHING, app -> {
                        app.readyThenWait();
                        app.update(app.fixture.write(1));
                    }, Injection::loseTheAnswer));

    private static final List<String> TABLE = Collections.synchronizedList(new ArrayList<>());

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (FaultCase c : CASES) {
            all.add(Arguments.of("PostgreSQL", c));
            if (!c.postgresOnly) {
                all.add(Arguments.of("MariaDB", c));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @Timeout(180)
    @MethodSource("cases")
    void theApplicationSeesTheDriversExceptionAndNothingStaleIsStored(String database, FaultCase fault)
            throws Exception {
        ServerDatabase db = database.equals("PostgreSQL") ? ServerDatabase.POSTGRES : ServerDatabase.MARIADB;
        try (FaultFixture f = new FaultFixture(db)) {
            if (fault.postgresOnly) {
                f.gateTheCommit();
            }
            Outcome raw = run(f, fault, false);

            // The hinted read is cacheable: without a fault, its second execution is a hit.
            List<String> before;
            try (Connection c = f.cached()) {
                f.rows(c);
                long hits = c.unwrap(QueryCache.class).stats().hits();
                before = f.rows(c);
                assertThat(c.unwrap(QueryCache.class).stats().hits()).as("the hinted read is a hit (%s)",
                        c.unwrap(QueryCache.class).stats()).isEqualTo(hits + 1);
                if (!fault.warm) {
                    c.unwrap(QueryCache.class).invalidateAll();
                }
            }
            assertThat(before).hasSize(FaultFixture.ROWS);

            Outcome cached = run(f, fault, true);

            assertThat(raw.type).as("the raw driver threw").isNotNull();
            assertThat(cached.type).as("querycache's exception (raw: %s)", raw.describe()).isEqualTo(raw.type);
            assertThat(cached.sqlState).as("SQLState (raw: %s, cached: %s)", raw.message, cached.message)
                    .isEqualTo(raw.sqlState);
            // After recovery: a cached read on a new connection equals a raw read (checked in run() too).
            try (Connection c = f.cached()) {
                assertThat(f.rows(c)).isEqualTo(f.rawRows());
            }
            TABLE.add(String.format("| %s | %s | %s | %s | %s |", database, fault.name, raw.describe(),
                    cached.describe(), cached.message == null ? "" : cached.message.replace('|', '/').replace('\n', ' ')));
        }
    }

    /** One run of the case on a raw ({@code cached} false) or querycache connection; the outcome it saw. */
    private static Outcome run(FaultFixture f, FaultCase fault, boolean cached) throws Exception {
        LoopbackProxy proxy = fault.viaProxy ? new LoopbackProxy(f.serverPort()) : null;
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Outcome outcome = new Outcome();
        Connection connection = proxy != null ? (cached ? f.cached(proxy.port()) : f.direct(proxy.port()))
                : cached ? f.cached() : f.db.direct();
        try {
            App app = new App(connection, f);
            long backend = f.backendId(connection);
            fault.setup.before(f);
            Future<?> application = thread.submit(() -> {
                try {
                    fault.steps.run(app);
                } catch (SQLException e) {
                    outcome.cause = e;
                    outcome.type = e.getClass();
                    outcome.sqlState = e.getSQLState();
                    outcome.message = e.getMessage();
                }
                outcome.at = app.at;
                return null;
            });
            try {
                fault.injector.inject(new Injection(f, app, backend, proxy, application));
            } catch (AssertionError e) {
                AssertionError failure = new AssertionError(e.getMessage() + "; the application saw: "
                        + outcome.describe() + " " + outcome.message, e);
                if (outcome.cause != null) {
                    failure.addSuppressed(outcome.cause);
                }
                throw failure;
            } finally {
                f.releaseGate();
                f.releaseRow();
            }
            application.get(60, TimeUnit.SECONDS);
            if (cached) {
                checkTheCache(f, fault);
            }
            recover(f, connection);
        } finally {
            closeQuietly(connection);
            thread.shutdownNow();
            if (proxy != null) {
                proxy.close();
            }
        }
        return outcome;
    }

    /**
     * While the application's connection is still open (its close would invalidate conservatively): a read of
     * a new connection equals a raw read, and is a miss where the commit's outcome is unknown.
     */
    private static void checkTheCache(FaultFixture f, FaultCase fault) throws SQLException {
        try (Connection c = f.cached()) {
            QueryCache cache = c.unwrap(QueryCache.class);
            long misses = cache.stats().misses();
            assertThat(f.rows(c)).as("a cached read after the fault equals a raw read").isEqualTo(f.rawRows());
            if (fault.outcomeUnknown || !fault.warm) {
                assertThat(cache.stats().misses()).as(fault.outcomeUnknown
                        ? "the entry was invalidated (the commit's outcome is unknown)"
                        : "nothing of the interrupted read was stored").isEqualTo(misses + 1);
            }
        }
    }

    /** A connection the fault left alive goes on: rolled back, its next read equals a raw read. */
    private static void recover(FaultFixture f, Connection connection) throws SQLException {
        try {
            if (connection.isValid(5)) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                assertThat(f.rows(connection)).as("the next read on the surviving connection").isEqualTo(f.rawRows());
            }
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException broken) {
            // a killed connection may say so when closed
        }
    }

    @AfterAll
    static void printTheTable() {
        System.out.println("| database | fault | raw driver | querycache | message |");
        System.out.println("|---|---|---|---|---|");
        synchronized (TABLE) {
            TABLE.forEach(System.out::println);
        }
    }
}
