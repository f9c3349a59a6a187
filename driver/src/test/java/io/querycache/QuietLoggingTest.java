package io.querycache;

import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 7 and 10: a normal start says one line per cache at INFO, and nothing logged at any level carries a
 * password or a value of a row. Everything the driver logs is captured at ALL across a start, hinted reads (miss,
 * hit), writes, DDL and a close, with a password in the URL and another in the Properties.
 */
class QuietLoggingTest {

    private static final String URL_PASSWORD = "UrlPw8841";
    private static final String PROPERTIES_PASSWORD = "PropsPw5533";
    private static final String ROW_SECRET = "row-secret-4711";
    private static final String OTHER_ROW_SECRET = "row-secret-0815";
    private static final String DDL_SECRET = "ddl-secret-9931";
    /** DDL that the SQL parser cannot read, one of them with a password. */
    private static final String[] H2_DDL = {"CREATE ALIAS quietlog_fn FOR 'java.lang.Math.sqrt'",
        "CREATE USER quietlog_user PASSWORD '" + DDL_SECRET + "'"};

    private final Logger logger = Logger.getLogger("io.querycache");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<LogRecord> onTestThread = new CopyOnWriteArrayList<>();
    private final Thread testThread = Thread.currentThread();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
            if (Thread.currentThread() == testThread) {
                onTestThread.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        logger.setLevel(levelBefore);
    }

    @Test
    void h2WithThePasswordInTheUrl() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        String url = "jdbc:querycache:h2:mem:quietlog" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;PASSWORD=" + URL_PASSWORD;
        normalLife(url, p, "quietlog_items", H2_DDL);
    }

    @Test
    void h2WithThePasswordInTheProperties() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", PROPERTIES_PASSWORD);
        String url = "jdbc:querycache:h2:mem:quietlog" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        normalLife(url, p, "quietlog_items", H2_DDL);
    }

    @Test
    void aChangeOfRowsTheParserCannotReadIsAWarningOnceAndDdlIsNot() throws SQLException {
        // Analyses are memoized by SQL text in the whole process: texts of their own, so each is analysed here.
        String unique = Long.toString(System.nanoTime(), 36);
        String url = "jdbc:querycache:h2:mem:quietlog" + unique + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE quietlog_merge_" + unique + "(id INT PRIMARY KEY, v VARCHAR(20))");
            s.execute("CREATE ALIAS quietlog_fn_" + unique + " FOR 'java.lang.Math.sqrt'");
            for (int i = 0; i < 3; i++) {
                s.executeUpdate("MERGE INTO quietlog_merge_" + unique + " KEY(id) VALUES (" + i + ", '" + ROW_SECRET
                        + "')");
            }
            c.unwrap(QueryCache.class).close();
        }
        List<LogRecord> advice = records.stream().filter(r -> text(r).contains("cannot tell which tables"))
                .collect(Collectors.toList());
        assertThat(advice.stream().map(QuietLoggingTest::text)).as("each text at FINE, or the one warning")
                .hasSize(4).noneMatch(line -> line.contains(ROW_SECRET));
        assertThat(advice).filteredOn(r -> r.getLevel() == Level.WARNING).as("once per process at most")
                .hasSizeLessThanOrEqualTo(1)
                .allMatch(r -> text(r).contains("MERGE"));
        assertThat(advice).filteredOn(r -> text(r).contains("CREATE ALIAS")).singleElement()
                .extracting(LogRecord::getLevel).isEqualTo(Level.FINE);
    }

    @Test
    @Tag("integration")
    void postgres() throws SQLException {
        ServerDatabase pg = ServerDatabase.POSTGRES;
        String table = ServerDatabase.unique("quietlog");
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", PROPERTIES_PASSWORD); // trust authentication: ignored by the server
        try {
            normalLife(pg.cachedUrl() + "?password=" + URL_PASSWORD + "&ApplicationName=quietlog", p, table,
                    "CREATE OR REPLACE RULE " + table + "_rule AS ON UPDATE TO " + table + " DO ALSO NOTIFY "
                            + table);
        } finally {
            pg.dropQuietly("DROP TABLE " + table + " CASCADE");
        }
    }

    @Test
    @Tag("integration")
    void aStartWithABusIsAsQuiet() throws Exception {
        String name = ServerDatabase.unique("quietlog_bus");
        CountDownLatch hears = new CountDownLatch(1);
        Handler hearing = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (text(r).contains(name + ": hears every invalidation again")) {
                    hears.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(hearing);
        try {
            Properties p = new Properties();
            p.setProperty("user", "sa");
            p.setProperty("querycache.name", name);
            p.setProperty("querycache.bus", "redis://127.0.0.1:6379/" + name);
            try (Connection c = DriverManager.getConnection("jdbc:querycache:h2:mem:" + name, p)) {
                assertThat(hears.await(20, TimeUnit.SECONDS)).as("the bus listens").isTrue();
                c.unwrap(QueryCache.class).close();
            }
        } finally {
            logger.removeHandler(hearing);
        }
        List<String> loud = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(QuietLoggingTest::text).filter(line -> line.contains(name)).collect(Collectors.toList());
        assertThat(loud).singleElement().asString().contains("cache created", "bus=redis://127.0.0.1:6379/" + name);
    }

    /** Start, create and fill a table, read it hinted (miss, hit), write it, change its schema, close. */
    private void normalLife(String url, Properties p, String table, String... ddl) throws SQLException {
        QueryCache cache;
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            cache = c.unwrap(QueryCache.class);
            s.execute("CREATE TABLE " + table + "(id INT PRIMARY KEY, secret VARCHAR(40))");
            s.executeUpdate("INSERT INTO " + table + " VALUES (1, '" + ROW_SECRET + "')");
            try (PreparedStatement read = c.prepareStatement(
                    "/*cache:quietlog,60*/ SELECT id, secret FROM " + table + " WHERE secret = ?")) {
                read.setString(1, ROW_SECRET);
                for (int i = 0; i < 2; i++) {
                    try (ResultSet rs = read.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(2)).isEqualTo(ROW_SECRET);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("/*cache:quietlog*/ SELECT secret FROM " + table + " WHERE secret = '"
                    + ROW_SECRET + "'")) {
                assertThat(rs.next()).isTrue();
            }
            s.executeUpdate("/*cache:quietlog*/ UPDATE " + table + " SET secret = '" + OTHER_ROW_SECRET + "'");
            try (PreparedStatement write = c.prepareStatement("UPDATE " + table + " SET secret = ? WHERE id = ?")) {
                write.setString(1, ROW_SECRET);
                write.setInt(2, 1);
                write.executeUpdate();
            }
            for (String schemaChange : ddl) {
                s.execute(schemaChange);
            }
            assertThat(cache.stats().hits()).isEqualTo(1);
        }
        try (Connection again = DriverManager.getConnection(url, p)) {
            assertThat(again.unwrap(QueryCache.class)).as("the same cache: no second start").isSameAs(cache);
        }
        cache.close();

        List<String> all = records.stream().map(QuietLoggingTest::text).collect(Collectors.toList());
        assertThat(all).as("FINE is captured: the test can see what it looks for")
                .anyMatch(line -> line.contains(": hit ") && line.contains(cache.name()));
        for (String line : all) {
            assertThat(line).doesNotContain(URL_PASSWORD, PROPERTIES_PASSWORD, ROW_SECRET, OTHER_ROW_SECRET,
                    DDL_SECRET);
        }
        assertThat(cache.name()).doesNotContain(URL_PASSWORD, PROPERTIES_PASSWORD);

        List<String> loud = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()
                    && (onTestThread.contains(r) || text(r).contains(cache.name()))) {
                loud.add(text(r));
            }
        }
        assertThat(loud).as("at INFO and above: one line, the cache's configuration").hasSize(1);
        assertThat(loud.get(0)).contains(cache.name(), "cache created", "maxBytes=", "bus=none", "changeFeed=none");
    }

    /** Everything a handler could print of a record: the formatted message and the whole stack trace. */
    private static String text(LogRecord r) {
        StringBuilder out = new StringBuilder(new SimpleFormatter().formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            out.append('\n').append(trace);
        }
        return out.toString();
    }
}
