package io.querycache.guarantees;

import io.querycache.QueryCache;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** G1, G2 and G3 under concurrency on H2: 2,000 commits per run, zero violations. */
class ConsistencyTest {

    private static final int COMMITS = 2000;

    private ConsistencyChecker.Result check(boolean tagged, boolean rollbacks) throws Exception {
        H2Database db = new H2Database("consistency");
        db.execute("CREATE TABLE counter(id INT PRIMARY KEY, v BIGINT NOT NULL)", "INSERT INTO counter VALUES (1, 0)");
        ConsistencyChecker.Result result = ConsistencyChecker.run(db::cached, "counter", COMMITS, 3, tagged,
                rollbacks, -1);
        assertThat(result.violations).isEmpty();
        assertThat(result.reads).isGreaterThan(COMMITS);
        try (Connection c = db.cached()) {
            assertThat(c.unwrap(QueryCache.class).stats().hits()).as("the cache was exercised").isPositive();
        }
        return result;
    }

    @Test
    void taggedWrites() throws Exception {
        check(true, false);
    }

    @Test
    void untaggedWritesInvalidateByTable() throws Exception {
        check(false, false);
    }

    @Test
    void everyOtherTransactionRollsBack() throws Exception {
        check(true, true);
    }
}
