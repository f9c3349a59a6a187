package io.querycache.sql;

import io.querycache.QueryCache;
import io.querycache.testing.H2Database;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static io.querycache.testing.H2Database.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The largest TTL a hint accepts keeps its entry; one beyond is a hint error naming the maximum. */
class LongestTtlTest {

    @Test
    void theLargestTtlKeepsItsEntry() throws SQLException {
        H2Database db = new H2Database("ttl");
        try (Connection c = db.cached()) {
            String query = "/*cache:answer," + Hint.MAX_TTL_MILLIS / 86_400_000L + "d*/ SELECT 42";
            assertThat(single(c, query)).isEqualTo("42");
            assertThat(single(c, query)).isEqualTo("42");
            assertThat(c.unwrap(QueryCache.class).stats().hits()).as("not expired at once").isEqualTo(1);
        }
    }

    @Test
    void aLargerTtlIsAHintErrorNamingTheMaximum() throws SQLException {
        H2Database db = new H2Database("ttl");
        try (Connection c = db.cached()) {
            assertThatThrownBy(() -> single(c, "/*cache:answer,106752d*/ SELECT 42"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("/*cache:answer,106752d*/")
                    .hasMessageContaining("the maximum is 53375d");
        }
    }

    @Test
    void theLargestTtlInNanosecondsStaysPositive() {
        assertThat(HintLexer.scan("/*cache:a,53375d*/ SELECT 1", Dialect.GENERIC).hint().ttlMillis())
                .isEqualTo(Hint.MAX_TTL_MILLIS);
        assertThat(Hint.MAX_TTL_MILLIS * 1_000_000L).isPositive().isLessThanOrEqualTo(Long.MAX_VALUE / 2);
    }
}
