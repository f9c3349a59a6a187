package io.querycache.jdbc;

import io.querycache.QueryCache;
import io.querycache.QueryCacheStats.BypassReason;
import io.querycache.snapshot.NavigationDifferential;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result over querycache.maxRowsPerEntry is returned whole and moves exactly as the driver's: forward-only
 * (isLast on the true last row, not on the last replayed one) and scroll-insensitive (previous, last, absolute,
 * getRow across the replayed and the streamed rows).
 */
class OversizedResultTest {

    private static final String QUERY = "SELECT X FROM SYSTEM_RANGE(1, 10) ORDER BY X";

    private static java.util.List<String> mismatches(int type) throws SQLException {
        H2Database db = new H2Database("oversized").with("querycache.maxRowsPerEntry", "4");
        try (Connection live = db.direct(); Connection cached = db.cached()) {
            java.util.List<String> mismatches = NavigationDifferential.compare(live, cached, QUERY, "/*cache:big*/",
                    type);
            assertThat(cached.unwrap(QueryCache.class).stats().bypassesByReason().get(BypassReason.TOO_LARGE))
                    .isEqualTo(2);
            return mismatches;
        }
    }

    @Test
    void forwardOnlyMovesAsTheDriver() throws SQLException {
        assertThat(mismatches(ResultSet.TYPE_FORWARD_ONLY)).isEmpty();
    }

    @Test
    void scrollInsensitiveMovesAsTheDriver() throws SQLException {
        assertThat(mismatches(ResultSet.TYPE_SCROLL_INSENSITIVE)).isEmpty();
    }

    @Test
    void justOverTheLimitAndEmptyReplaysAreWhole() throws SQLException {
        for (String limit : new String[] {"9", "1"}) {
            H2Database db = new H2Database("oversized").with("querycache.maxRowsPerEntry", limit);
            try (Connection live = db.direct(); Connection cached = db.cached()) {
                assertThat(NavigationDifferential.compare(live, cached, QUERY, "/*cache:big*/",
                        ResultSet.TYPE_FORWARD_ONLY)).as("maxRowsPerEntry=%s", limit).isEmpty();
            }
        }
    }
}
