package io.querycache.bus;

import io.querycache.config.BusAddress;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.testing.FakeTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a transaction ends through the driver with {@code querycache.bus=postgres}: a commit carries its set
 * inside itself (delivered exactly when it commits, once), a rollback carries nothing, an autocommit write is
 * published after it, and a commit the server refuses comes out exactly as on a raw connection.
 */
@Tag("integration")
class PostgresBusCommitFormsTest {

    /** One way to write to the table and end the transaction; {@code committed} says whether the write stays. */
    static final class Form {
        final String name;
        final boolean committed;
        final boolean insideTheCommit;
        final Ending ending;

        Form(String name, boolean committed, boolean insideTheCommit, Ending ending) {
            this.name = name;
            this.committed = committed;
            this.insideTheCommit = insideTheCommit;
            this.ending = ending;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface Ending {
        void run(Connection c, String write) throws SQLException;
    }

    static List<Form> forms() {
        return List.of(
                new Form("commit()", true, true, (c, w) -> {
                    c.setAutoCommit(false);
                    sql(c, w);
                    c.commit();
                }),
                new Form("COMMIT as SQL", true, true, (c, w) -> {
                    c.setAutoCommit(false);
                    sql(c, w);
                    sql(c, "COMMIT");
                }),
                new Form("BEGIN ... COMMIT in autocommit mode", true, true, (c, w) -> {
                    sql(c, "BEGIN");
                    sql(c, w);
                    sql(c, "COMMIT");
                }),
                new Form("START TRANSACTION ... END", true, true, (c, w) -> {
                    sql(c, "START TRANSACTION");
                    sql(c, w);
                    sql(c, "END");
                }),
                new Form("COMMIT AND CHAIN, then commit()", true, true, (c, w) -> {
                    c.setAutoCommit(false);
                    sql(c, w);
                    sql(c, "COMMIT AND CHAIN");
                    c.commit();
                }),
                new Form("setAutoCommit(true) inside a transaction", true, true, (c, w) -> {
                    c.setAutoCommit(false);
                    sql(c, w);
                    c.setAutoCommit(true);
                }),
                new Form("a write and COMMIT in one text", true, false, (c, w) -> {
                    c.setAutoCommit(false);
                    sql(c, w + "; COMMIT");
                }),
                new Form("autocommit write", true, false, PostgresBusCommitFormsTest::sql),
                new Form("rollback()", false, false, (c, w) -> {
                    c.setAutoCommit(false);
                    sql(c, w);
                    c.rollback();
                }),
                new Form("ROLLBACK as SQL", false, false, (c, w) -> {
                    sql(c, "BEGIN");
                    sql(c, w);
                    sql(c, "ROLLBACK");
                }));
    }

    private final String suffix = Long.toString(System.nanoTime(), 36);
    private final String table = "qc_bus_forms_" + suffix;
    private final String cacheName = "bus-forms-" + suffix;
    private final String channel = "qc_bus_forms_" + suffix;
    private final ResultCache otherNode = new ResultCache(cacheName, 1 << 20, true, new FakeTicker());
    private final List<InvalidationMessage> heard = new CopyOnWriteArrayList<>();
    private InvalidationBus otherBus;

    @BeforeEach
    void setUp() throws SQLException {
        try (Connection c = PostgresBusTest.open()) {
            sql(c, "CREATE TABLE " + table + " (id int PRIMARY KEY, v int NOT NULL)");
            sql(c, "INSERT INTO " + table + " VALUES (1, 0)");
        }
        PostgresBus bus = new PostgresBus(otherNode, BusAddress.parse("postgres/" + channel), PostgresBusTest::open);
        Buses.wire(otherNode, bus);
        bus.start();
        otherBus = bus;
        otherBus.onApplied(heard::add);
        Await.until("the other node listening", 10_000, () -> !otherNode.isDeaf());
    }

    @AfterEach
    void tearDown() throws SQLException {
        otherBus.close();
        Buses.close(cacheName);
        try (Connection c = PostgresBusTest.open()) {
            sql(c, "DROP TABLE IF EXISTS " + table);
        }
    }

    private Connection cached() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "");
        p.setProperty("querycache.name", cacheName);
        p.setProperty("querycache.bus", "postgres/" + channel);
        Connection c = DriverManager.getConnection("jdbc:querycache:postgresql://127.0.0.1:5432/test", p);
        InvalidationBus node = Buses.of(cacheName);
        Await.until("this node listening", 10_000, () -> node.statistics().getState().equals("listening"));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void eachWayATransactionEndsTellsTheOtherNodesExactlyWhatCommitted(Form form) throws Exception {
        try (Connection c = cached()) {
            form.ending.run(c, "UPDATE " + table + " SET v = v + 1 WHERE id = 1");
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            // A marker published after the form: once it arrives, whatever the form sent has arrived before it.
            c.setAutoCommit(true);
            sql(c, "/*cache:marker*/ UPDATE " + table + " SET v = v WHERE id = 2");
        }
        Await.until("the marker", 10_000, () -> heard.stream().anyMatch(m -> m.footprint().keyNames().contains("marker")));

        List<InvalidationMessage> ofTheForm = heard.subList(0, heard.size() - 1);
        if (form.insideTheCommit) {
            assertThat(ofTheForm).as("exactly one set, inside the commit").hasSize(1);
            assertThat(ofTheForm.get(0).footprint().overlaps(Footprint.ofTables(table))).isTrue();
            assertThat(ofTheForm.get(0).inTransaction()).isTrue();
        } else if (form.committed) {
            // After the statement (a text that also commits may be told more than once: harmless).
            assertThat(ofTheForm).isNotEmpty().allMatch(m -> !m.inTransaction()
                    && m.footprint().overlaps(Footprint.ofTables(table)));
        } else {
            assertThat(ofTheForm).as("a rolled-back write tells nobody").isEmpty();
        }
        assertThat(otherBus.statistics().getMissedMessages()).isZero();
        try (Connection raw = PostgresBusTest.open(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM " + table + " WHERE id = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(form.committed ? 1 : 0);
        }
    }

    /** A commit of a transaction the server has aborted: the same outcome as without the driver and its bus. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void aCommitTheServerRefusesComesOutAsOnARawConnection(Form form) throws Exception {
        if (!form.committed || !form.insideTheCommit) {
            return; // only the forms that carry a set inside the commit
        }
        String rawOutcome;
        String cachedOutcome;
        try (Connection raw = PostgresBusTest.open()) {
            rawOutcome = abortedThenEnded(raw, form);
        }
        try (Connection c = cached()) {
            cachedOutcome = abortedThenEnded(c, form);
        }
        assertThat(cachedOutcome).isEqualTo(rawOutcome);
        try (Connection raw = PostgresBusTest.open(); Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM " + table + " WHERE id = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing of an aborted transaction commits").isZero();
        }
    }

    private String abortedThenEnded(Connection c, Form form) {
        String outcome;
        try {
            form.ending.run(c, "UPDATE " + table + " SET v = v + 1 WHERE id = 1; SELECT 1/0");
            outcome = "returned";
        } catch (SQLException e) {
            outcome = e.getClass().getSimpleName() + " " + e.getSQLState();
        }
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            sql(c, "ROLLBACK"); // an open block left by the SQL forms
        } catch (SQLException e) {
            outcome += " / cleanup " + e.getSQLState();
        }
        return outcome;
    }

    private static void sql(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
