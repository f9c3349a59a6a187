package io.querycache.integration;

import io.querycache.QueryCache;
import io.querycache.testing.ServerDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hints through the real servers, in the SQL a naive lexer would get wrong: each text either must not be
 * cached (the "hint" stands in a string, identifier or comment) or must be (a real hint after such text).
 */
@Tag("integration")
class DialectHintsTest {

    private static long hitsAfterTwoRuns(ServerDatabase db, String sql, String expected) throws SQLException {
        try (Connection c = db.cached(ServerDatabase.unique("hints"))) {
            for (int i = 0; i < 2; i++) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(expected);
                }
            }
            return c.unwrap(QueryCache.class).stats().hits();
        }
    }

    static Stream<Arguments> postgresql() {
        return Stream.of(
                arguments("SELECT $$/*cache:x*/$$", "/*cache:x*/", 0),
                arguments("SELECT $tag$ $$ /*cache:x*/ $tag$", " $$ /*cache:x*/ ", 0),
                arguments("SELECT E'it\\'s /*cache:x*/'", "it's /*cache:x*/", 0),
                arguments("/* outer /*cache:x*/ still a comment */ SELECT 'nested'", "nested", 0),
                arguments("SELECT 'a' AS \"/*cache:x*/\"", "a", 0),
                arguments("/* outer /* inner */ */ /*cache:x*/ SELECT 'after nested'", "after nested", 1),
                arguments("SELECT $$ */ $$ || /*cache:x*/ 'after dollars'", " */ after dollars", 1),
                arguments("SELECT E'\\\\' || /*cache:x*/ 'after escape'", "\\after escape", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void postgresql(String sql, String value, long hits) throws SQLException {
        assertThat(hitsAfterTwoRuns(ServerDatabase.POSTGRES, sql, value)).isEqualTo(hits);
    }

    /** (A hint inside `backticks` is left out: Connector/J itself cannot send that text.) */
    static Stream<Arguments> mariadb() {
        return Stream.of(
                arguments("SELECT 'it\\'s /*cache:x*/'", "it's /*cache:x*/", 0),
                arguments("SELECT \"it\\\"s /*cache:x*/\"", "it\"s /*cache:x*/", 0),
                arguments("# /*cache:x*/\nSELECT 'hash comment'", "hash comment", 0),
                arguments("SELECT 'it\\'s' AS v /*cache:x*/", "it's", 1),
                arguments("# a comment\n/*cache:x*/ SELECT 'after hash'", "after hash", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mariadb(String sql, String value, long hits) throws SQLException {
        assertThat(hitsAfterTwoRuns(ServerDatabase.MARIADB, sql, value)).isEqualTo(hits);
    }
}
