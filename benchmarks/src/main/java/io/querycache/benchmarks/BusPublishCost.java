package io.querycache.benchmarks;

import io.querycache.bus.BusStatistics;
import io.querycache.bus.Buses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.Jedis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * What an invalidation bus adds to a commit: an autocommit tagged UPDATE on PostgreSQL through querycache with
 * {@code querycache.bus=redis://...} ({@code querycache}) and with {@code querycache.bus=postgres}
 * ({@code postgresBus}), against the same UPDATE through querycache without a bus ({@code baseline}). PostgreSQL
 * rather than H2: a commit there is itself a network round trip (and an fsync), so "at most one more round trip"
 * is a statement about a real commit, not about an in-memory one a PUBLISH would dwarf. {@code redisPing} (a Jedis
 * PING) and {@code postgresRoundTrip} ({@code SELECT 1} on pgjdbc) are the round trips to compare the added time
 * with. {@code baselineInTransaction} and {@code postgresBusInTransaction}: the UPDATE and {@code commit()} with
 * autocommit off, where the PostgreSQL bus sends the set inside the transaction. Target: querycache - baseline <= one
 * Redis round trip, postgresBusInTransaction - baselineInTransaction <= one PostgreSQL round trip. Needs PostgreSQL and Redis on loopback.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BusPublishCost {

    private static final String CHANNEL = "qc_bench_publish_" + ProcessHandle.current().pid();

    /** One querycache connection on its own table, with or without a bus; checks in tearDown that it published. */
    public abstract static class Committer {
        private final String bus;
        private final boolean inTransaction;
        private final String name = getClass().getSimpleName() + "-" + ProcessHandle.current().pid();
        private final String table = "qc_bus_" + ProcessHandle.current().pid();
        private Connection raw;
        private Connection cached;
        private PreparedStatement write;
        private int id;

        Committer(String bus) {
            this(bus, false);
        }

        /** @param inTransaction the UPDATE and a {@code commit()} with autocommit off, instead of autocommit */
        Committer(String bus, boolean inTransaction) {
            this.bus = bus;
            this.inTransaction = inTransaction;
        }

        @Setup(Level.Trial)
        public void setUp() throws SQLException, InterruptedException {
            Catalogue.requirePostgres();
            if (bus != null && bus.startsWith("redis")) {
                Catalogue.requireRedis();
            }
            raw = Catalogue.raw(Catalogue.POSTGRES_URL);
            Catalogue.create(raw, table, 1000);
            cached = bus == null ? Catalogue.cached(Catalogue.POSTGRES_URL, "querycache.name", name)
                    : Catalogue.cached(Catalogue.POSTGRES_URL, "querycache.name", name, "querycache.bus", bus);
            if (bus != null) {
                Catalogue.awaitBusListening(name);
            }
            cached.setAutoCommit(!inTransaction);
            write = cached.prepareStatement("/*cache:items*/ UPDATE " + table + " SET price = price WHERE id = ?");
        }

        int commit() throws SQLException {
            id = id % 1000 + 1;
            write.setInt(1, id);
            int updated = write.executeUpdate();
            if (inTransaction) {
                cached.commit();
            }
            return updated;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            String report = null;
            if (bus != null && Buses.of(name) != null) {
                BusStatistics stats = Buses.of(name).statistics();
                report = stats.toString();
                System.out.println("BusPublishCost " + name + ": " + report);
                if (stats.getMessagesOut() == 0 || stats.getPublishFailures() > 0) {
                    throw new IllegalStateException("BusPublishCost: the bus did not publish every commit: " + report);
                }
            }
            if (raw != null) {
                cached.close();
                try (Statement s = raw.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                }
                raw.close();
            }
        }
    }

    @State(Scope.Thread)
    public static class NoBus extends Committer {
        public NoBus() {
            super(null);
        }
    }

    @State(Scope.Thread)
    public static class RedisBus extends Committer {
        public RedisBus() {
            super("redis://127.0.0.1:6379/" + CHANNEL);
        }
    }

    @State(Scope.Thread)
    public static class PostgresBus extends Committer {
        public PostgresBus() {
            super("postgres/" + CHANNEL);
        }
    }

    @State(Scope.Thread)
    public static class NoBusInTransaction extends Committer {
        public NoBusInTransaction() {
            super(null, true);
        }
    }

    /** The set travels inside the commit: a savepoint, the notify and its release, in one round trip. */
    @State(Scope.Thread)
    public static class PostgresBusInTransaction extends Committer {
        public PostgresBusInTransaction() {
            super("postgres/" + CHANNEL, true);
        }
    }

    @State(Scope.Thread)
    public static class RedisClient {
        Jedis jedis;

        @Setup(Level.Trial)
        public void setUp() {
            Catalogue.requireRedis();
            jedis = new Jedis("127.0.0.1", 6379);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (jedis != null) {
                jedis.close();
            }
        }
    }

    @State(Scope.Thread)
    public static class PostgresClient {
        Connection raw;
        PreparedStatement select;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            Catalogue.requirePostgres();
            raw = Catalogue.raw(Catalogue.POSTGRES_URL);
            select = raw.prepareStatement("SELECT 1");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            if (raw != null) {
                raw.close();
            }
        }
    }

    @Benchmark
    public int baseline(NoBus state) throws SQLException {
        return state.commit();
    }

    @Benchmark
    public int querycache(RedisBus state) throws SQLException {
        return state.commit();
    }

    @Benchmark
    public int postgresBus(PostgresBus state) throws SQLException {
        return state.commit();
    }

    @Benchmark
    public int baselineInTransaction(NoBusInTransaction state) throws SQLException {
        return state.commit();
    }

    @Benchmark
    public int postgresBusInTransaction(PostgresBusInTransaction state) throws SQLException {
        return state.commit();
    }

    @Benchmark
    public String redisPing(RedisClient state) {
        return state.jedis.ping();
    }

    @Benchmark
    public boolean postgresRoundTrip(PostgresClient state) throws SQLException {
        try (java.sql.ResultSet rs = state.select.executeQuery()) {
            return rs.next();
        }
    }
}
