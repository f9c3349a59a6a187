package io.querycache.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.querycache.sql.Dialect.GENERIC;
import static io.querycache.sql.Dialect.H2;
import static io.querycache.sql.Dialect.MYSQL;
import static io.querycache.sql.Dialect.ORACLE;
import static io.querycache.sql.Dialect.POSTGRESQL;
import static io.querycache.sql.Dialect.SQLSERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class HintLexerTest {

    private static final long S = 1000;

    /** A valid hint: dialect, SQL, keys, TTL in ms (-1: none). */
    static Stream<Arguments> hints() {
        return Stream.of(
                arguments(GENERIC, "/*cache:countries*/ SELECT * FROM countries", "countries", -1),
                arguments(GENERIC, "/*cache:countries,600*/ SELECT 1", "countries", 600 * S),
                arguments(GENERIC, "/*cache:countries,600s*/ SELECT 1", "countries", 600 * S),
                arguments(GENERIC, "/*cache:countries,10m*/ SELECT 1", "countries", 600 * S),
                arguments(GENERIC, "/*cache:countries,2h*/ SELECT 1", "countries", 7200 * S),
                arguments(GENERIC, "/*cache:countries,1d*/ SELECT 1", "countries", 86400 * S),
                arguments(GENERIC, "/*cache:countries,1D*/ SELECT 1", "countries", 86400 * S),
                arguments(GENERIC, "/*cache:countries,inf*/ SELECT 1", "countries", -1),
                arguments(GENERIC, "/*cache:countries,INF*/ SELECT 1", "countries", -1),
                arguments(GENERIC, "/*cache:a,b,c,30*/ SELECT 1", "a,b,c", 30 * S),
                arguments(GENERIC, "/*cache:a,b*/ SELECT 1", "a,b", -1),
                arguments(GENERIC, "/*cache:a,a,b*/ SELECT 1", "a,b", -1),
                arguments(GENERIC, "/* cache:countries,600 */ SELECT 1", "countries", 600 * S),
                arguments(GENERIC, "/*  cache: countries , currencies , 10m  */ SELECT 1", "countries,currencies", 600 * S),
                arguments(GENERIC, "/*\n cache:countries\n*/ SELECT 1", "countries", -1),
                // Found by HintLexerPropertyTest: Unicode whitespace (em space, ideographic space) around the
                // hint's parts is whitespace, as it is where the lexer decides that a comment is a hint.
                arguments(GENERIC, "/*\u2003cache:a*/ SELECT 1", "a", -1),
                arguments(POSTGRESQL, "/*\u3000cache:\u3000a\u3000,\u2003b\u2003,\u300060\u2003*/ SELECT 1", "a,b", 60 * S),
                arguments(GENERIC, "/*CACHE:Countries*/ SELECT 1", "Countries", -1),
                arguments(GENERIC, "/*Cache:x*/ SELECT 1", "x", -1),
                arguments(GENERIC, "SELECT /*cache:x*/ * FROM t", "x", -1),
                arguments(GENERIC, "SELECT * FROM t /*cache:x,5*/", "x", 5 * S),
                arguments(GENERIC, "/*cache:shop.countries*/ SELECT 1", "shop.countries", -1),
                arguments(GENERIC, "/*cache:a_b-c$d.e*/ SELECT 1", "a_b-c$d.e", -1),
                arguments(GENERIC, "/*cache:3d_models,60*/ SELECT 1", "3d_models", 60 * S),
                arguments(GENERIC, "/*cache:v2*/ SELECT 1", "v2", -1),
                arguments(GENERIC, "/* a plain comment */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(GENERIC, "/*+ INDEX(t i) */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(GENERIC, "-- cache:nope\n/*cache:x*/ SELECT 1", "x", -1),
                arguments(H2, "/*cache:x*/ SELECT 'it''s /*cache:y*/' FROM dual", "x", -1),
                arguments(POSTGRESQL, "/*cache:x*/ SELECT $$ /*cache:y*/ $$", "x", -1),
                arguments(POSTGRESQL, "/*cache:x*/ SELECT $tag$ /*cache:y*/ $tag$", "x", -1),
                arguments(POSTGRESQL, "/*cache:x*/ SELECT E'it\\'s /*cache:y*/'", "x", -1),
                arguments(POSTGRESQL, "/* outer /*cache:y*/ */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(POSTGRESQL, "/*cache:x*/ SELECT \"odd /*cache:y*/ name\" FROM t", "x", -1),
                arguments(MYSQL, "/*cache:x*/ SELECT 'it\\'s /*cache:y*/'", "x", -1),
                arguments(MYSQL, "# /*cache:y*/\n/*cache:x*/ SELECT 1", "x", -1),
                arguments(MYSQL, "/*cache:x*/ SELECT `odd /*cache:y*/` FROM t", "x", -1),
                arguments(MYSQL, "/*cache:x*/ SELECT \"it\\\"s /*cache:y*/\"", "x", -1),
                arguments(SQLSERVER, "/*cache:x*/ SELECT [odd /*cache:y*/ name] FROM t", "x", -1),
                arguments(SQLSERVER, "/* outer /*cache:y*/ */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(ORACLE, "/*cache:x*/ SELECT q'[ /*cache:y*/ ]' FROM dual", "x", -1),
                arguments(ORACLE, "/*cache:x*/ SELECT q'{ it's /*cache:y*/ }' FROM dual", "x", -1),
                arguments(MYSQL, "/*cache:x*/ /*!40101 SET NAMES utf8 */", "x", -1),
                arguments(MYSQL, "/*!40101 SET NAMES utf8 */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(MYSQL, "SELECT /*! STRAIGHT_JOIN */ /*cache:x*/ * FROM t", "x", -1),
                arguments(MYSQL, "/*M!100100 SELECT '/*cache:y*/' */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(MYSQL, "/*! SELECT '*/' */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(POSTGRESQL, "/*! UPDATE t /*cache:y*/ */ /*cache:x*/ SELECT 1", "x", -1),
                // The edges of the quoted forms (PIT: these boundaries survived mutation): a hint right after one.
                arguments(POSTGRESQL, "SELECT $body$ x $body$ /*cache:x*/", "x", -1),
                arguments(POSTGRESQL, "SELECT $_t1$ $ $_t1$/*cache:x*/", "x", -1),
                arguments(POSTGRESQL, "SELECT a$b /*cache:x*/ FROM t", "x", -1),
                arguments(POSTGRESQL, "SELECT $1 /*cache:x*/", "x", -1),
                arguments(POSTGRESQL, "SELECT $$$$/*cache:x*/", "x", -1),
                arguments(ORACLE, "SELECT q'(x)'/*cache:x*/ FROM dual", "x", -1),
                arguments(ORACLE, "SELECT q'<x>' /*cache:x*/ FROM dual", "x", -1),
                arguments(ORACLE, "SELECT q'!x!' /*cache:x*/ FROM dual", "x", -1),
                arguments(ORACLE, "SELECT q'[]'/*cache:x*/ FROM dual", "x", -1),
                arguments(GENERIC, "SELECT 'a'/*cache:x*/", "x", -1),
                arguments(GENERIC, "SELECT 1 --\n/*cache:x*/", "x", -1),
                arguments(GENERIC, "SELECT /**//*cache:x*/ 1", "x", -1),
                arguments(MYSQL, "/*!*//*cache:x*/ SELECT 1", "x", -1),
                // PIT survivors of the second run: escape strings in either case and only where they exist, the
                // q-quote's first character, MariaDB's lower-case /*m!, a doubled quote at a string's start, the
                // key characters' bounds, TTL look-alikes and the TTL bounds.
                arguments(POSTGRESQL, "/*cache:x*/ SELECT e'it\\'s /*cache:y*/'", "x", -1),
                arguments(GENERIC, "/*cache:x*/ SELECT E'it\\'s /*cache:y*/'", "x", -1),
                arguments(H2, "SELECT E'\\' /*cache:x*/", "x", -1),
                arguments(ORACLE, "/*cache:x*/ SELECT Q'[ /*cache:y*/ ]' FROM dual", "x", -1),
                arguments(ORACLE, "SELECT q'!'/*cache:y*/!' /*cache:x*/ FROM dual", "x", -1),
                arguments(MYSQL, "/*m!100100 SELECT '/*cache:y*/' */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(MYSQL, "/* a /* b */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(ORACLE, "/* a /* b */ /*cache:x*/ SELECT 1", "x", -1),
                arguments(H2, "SELECT '''' /*cache:x*/", "x", -1),
                arguments(GENERIC, "/*cache:AZaz09*/ SELECT 1", "AZaz09", -1),
                arguments(GENERIC, "/*cache:a,-*/ SELECT 1", "a,-", -1),
                arguments(GENERIC, "/*cache:a,-x*/ SELECT 1", "a,-x", -1),
                arguments(GENERIC, "/*cache:a,000000000000060*/ SELECT 1", "a", 60 * S),
                arguments(GENERIC, "/*cache:a,53375d*/ SELECT 1", "a", 53375L * 86400 * S),
                arguments(GENERIC, "SELECT quantity /*cache:x*/ FROM t", "x", -1),
                arguments(ORACLE, "SELECT N'x' /*cache:x*/ FROM dual", "x", -1),
                arguments(POSTGRESQL, "SELECT q'x' /*cache:x*/", "x", -1),
                arguments(POSTGRESQL, "/* a/b */ /*cache:x*/ SELECT 1", "x", -1));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hints")
    void findsTheHint(Dialect dialect, String sql, String keys, long ttl) {
        SqlScan scan = HintLexer.scan(sql, dialect);
        assertThat(scan.error()).isNull();
        assertThat(scan.hint()).isNotNull();
        assertThat(scan.hint().keys()).isEqualTo(Arrays.asList(keys.split(",")));
        assertThat(scan.hint().ttlMillis()).isEqualTo(ttl);
    }

    /** No hint: it stands in a literal, identifier, line comment, dollar quote or nested comment, or is not one. */
    static Stream<Arguments> noHints() {
        return Stream.of(
                arguments(GENERIC, "SELECT 1"),
                arguments(GENERIC, "SELECT '/*cache:x*/'"),
                arguments(GENERIC, "SELECT \"/*cache:x*/\" FROM t"),
                arguments(GENERIC, "-- /*cache:x*/\nSELECT 1"),
                arguments(GENERIC, "/* cached list */ SELECT 1"),
                arguments(GENERIC, "/* cache */ SELECT 1"),
                arguments(GENERIC, "/* cache :x */ SELECT 1"),
                arguments(GENERIC, "/*cachex:x*/ SELECT 1"),
                arguments(GENERIC, "/*+ cache(x) */ SELECT 1"),
                arguments(GENERIC, "SELECT 1 /*cache:x"),
                arguments(GENERIC, "SELECT 'unterminated /*cache:x*/"),
                arguments(H2, "SELECT 'a''/*cache:x*/'''"),
                arguments(POSTGRESQL, "SELECT $$/*cache:x*/$$"),
                arguments(POSTGRESQL, "SELECT $q$ $$ /*cache:x*/ $q$"),
                arguments(POSTGRESQL, "SELECT E'\\' /*cache:x*/'"),
                arguments(POSTGRESQL, "/* outer /*cache:x*/ still outer */ SELECT 1"),
                arguments(POSTGRESQL, "/* a /* b /*cache:x*/ */ */ SELECT 1"),
                arguments(MYSQL, "SELECT 'it\\' /*cache:x*/'"),
                arguments(MYSQL, "# /*cache:x*/\nSELECT 1"),
                arguments(MYSQL, "SELECT `/*cache:x*/` FROM t"),
                arguments(SQLSERVER, "SELECT [/*cache:x*/] FROM t"),
                arguments(ORACLE, "SELECT q'[/*cache:x*/]' FROM dual"),
                arguments(MYSQL, "/*! SELECT '/*cache:x*/' */ SELECT 1"),
                arguments(MYSQL, "/*!50001 SELECT `/*cache:x*/` */"),
                arguments(MYSQL, "/*!cache:x*/ SELECT 1"),
                arguments(MYSQL, "/*! SELECT /*cache:x*/ 1 */"),
                arguments(GENERIC, "/*! /*cache:x*/ */ SELECT 1"),
                arguments(POSTGRESQL, "SELECT $_t1$ /*cache:x*/ $_t1$"),
                arguments(POSTGRESQL, "SELECT $a$ $b$ /*cache:x*/ $a$"),
                arguments(POSTGRESQL, "SELECT $a$ /*cache:x*/"),
                arguments(POSTGRESQL, "SELECT $"),
                arguments(ORACLE, "SELECT q'(x]' /*cache:x*/ )' FROM dual"),
                arguments(ORACLE, "SELECT q'<x)' /*cache:x*/ >' FROM dual"),
                arguments(ORACLE, "SELECT q'!x' /*cache:x*/ !' FROM dual"),
                arguments(ORACLE, "SELECT q'["),
                arguments(ORACLE, "SELECT q'[x]"),
                // Forms cut at the end of the text (PIT: a bound checked one place too late throws).
                arguments(ORACLE, "SELECT q'"),
                arguments(GENERIC, "SELECT q'"),
                arguments(MYSQL, "SELECT 1 /*M"),
                arguments(POSTGRESQL, "SELECT $tag"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("noHints")
    void findsNoHint(Dialect dialect, String sql) {
        SqlScan scan = HintLexer.scan(sql, dialect);
        assertThat(scan.hint()).isNull();
        assertThat(scan.error()).isNull();
    }

    /** Malformed hints: the message quotes the hint and says what is wrong. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("/*cache:*/ SELECT 1", "/*cache:*/", "names no key"),
                arguments("/*cache:   */ SELECT 1", "/*cache:   */", "names no key"),
                arguments("/*cache:countries,-1*/ SELECT 1", "/*cache:countries,-1*/", "TTL \"-1\" is not a number"),
                arguments("/*cache:countries,60O*/ SELECT 1", "/*cache:countries,60O*/", "TTL \"60O\" is not a number"),
                arguments("/*cache:countries,0*/ SELECT 1", "/*cache:countries,0*/", "must be positive"),
                arguments("/*cache:countries,10x*/ SELECT 1", "/*cache:countries,10x*/", "TTL \"10x\""),
                arguments("/*cache:countries,1.5h*/ SELECT 1", "/*cache:countries,1.5h*/", "TTL \"1.5h\""),
                arguments("/*cache:a,99999999999999999999d*/ SELECT 1", "99999999999999999999d", "too large"),
                // Beyond what the expiry honours in nanoseconds: overflowed to "expire now" once.
                arguments("/*cache:a,106752d*/ SELECT 1", "/*cache:a,106752d*/", "the maximum is 53375d"),
                arguments("/*cache:a,53376d*/ SELECT 1", "/*cache:a,53376d*/", "the maximum is 53375d"),
                arguments("/*cache:a,4611686018427388s*/ SELECT 1", "4611686018427388s", "too large"),
                arguments("/*cache:a,,b*/ SELECT 1", "/*cache:a,,b*/", "empty element"),
                arguments("/*cache:a,*/ SELECT 1", "/*cache:a,*/", "empty element"),
                arguments("/*cache:coun tries*/ SELECT 1", "/*cache:coun tries*/", "character ' '"),
                arguments("/*cache:a;b*/ SELECT 1", "/*cache:a;b*/", "character ';'"),
                arguments("/*cache:600,countries*/ SELECT 1", "/*cache:600,countries*/", "key \"600\" is all digits"),
                arguments("/*cache:600*/ SELECT 1", "/*cache:600*/", "names no key"),
                arguments("/*cache:a*/ SELECT /*cache:b*/ 1", "/*cache:b*/", "only one hint"),
                arguments("/*cache:a*/ /*cache:a*/ SELECT 1", "/*cache:a*/", "only one hint"),
                arguments("/*cache:a,+5*/ SELECT 1", "/*cache:a,+5*/", "TTL \"+5\" is not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedHints(String sql, String quoted, String what) {
        SqlScan scan = HintLexer.scan(sql, GENERIC);
        assertThat(scan.hint()).isNull();
        assertThat(scan.error()).startsWith("Malformed querycache hint").contains(quoted).contains(what);
        HintSyntaxException e = new HintSyntaxException(scan.error());
        assertThat(e.getSQLState()).startsWith("42");
    }

    static Stream<Arguments> keywords() {
        return Stream.of(
                arguments("SELECT 1", "SELECT", null),
                arguments("  \n\tselect a from t", "SELECT", "A"),
                arguments("/*cache:x*/ SELECT 1", "SELECT", null),
                arguments("-- hello\nWITH x AS (SELECT 1) SELECT * FROM x", "WITH", "X"),
                arguments("(SELECT 1) UNION (SELECT 2)", "SELECT", "UNION"),
                arguments("start transaction", "START", "TRANSACTION"),
                arguments("END", "END", null),
                arguments("{call proc(?)}", "CALL", "PROC"),
                arguments("", null, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("keywords")
    void notesTheFirstKeywords(String sql, String first, String second) {
        SqlScan scan = HintLexer.scan(sql, GENERIC);
        assertThat(scan.firstKeyword()).isEqualTo(first);
        assertThat(scan.secondKeyword()).isEqualTo(second);
    }

    @Test
    void noticesASecondStatement() {
        assertThat(HintLexer.scan("SELECT 1; DELETE FROM t", GENERIC).multipleStatements()).isTrue();
        assertThat(HintLexer.scan("SELECT 1;", GENERIC).multipleStatements()).isFalse();
        assertThat(HintLexer.scan("SELECT 1; -- done\n", GENERIC).multipleStatements()).isFalse();
        assertThat(HintLexer.scan("SELECT ';DELETE'", GENERIC).multipleStatements()).isFalse();
    }

    /** Dialect, SQL, whether it may call a function that is not a built-in. */
    static Stream<Arguments> calls() {
        return Stream.of(
                arguments(GENERIC, "SELECT a FROM t WHERE b IN (1, 2) AND EXISTS (SELECT 1 FROM u)", false),
                arguments(GENERIC, "SELECT count(*), max(a), coalesce(b, 0), CAST(c AS VARCHAR(10)) FROM t", false),
                arguments(GENERIC, "SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM t", false),
                arguments(GENERIC, "SELECT * FROM t JOIN u USING (id) WHERE (a = 1 OR (b = 2))", false),
                arguments(GENERIC, "SELECT 'my_fn(1)', \"col\" FROM t -- my_fn(2)\n", false),
                arguments(GENERIC, "SELECT now(), random(), nextval('s'), DECIMAL(10, 2) FROM t", false),
                arguments(GENERIC, "SELECT my_fn(a) FROM t", true),
                arguments(GENERIC, "SELECT * FROM t WHERE a = my_fn (1)", true),
                arguments(GENERIC, "SELECT * FROM t WHERE a = my_fn/* c */(1)", true),
                arguments(GENERIC, "SELECT * FROM set_returning_fn(1)", true),
                arguments(GENERIC, "SELECT shop.count(a) FROM t", true),
                arguments(GENERIC, "SELECT \"My Fn\"(a) FROM t", true),
                arguments(GENERIC, "SELECT a FROM t WHERE b IN (SELECT f(c) FROM u)", true),
                arguments(GENERIC, "CALL refresh", true),
                arguments(SQLSERVER, "EXEC refresh", true),
                arguments(SQLSERVER, "SELECT [dbo].[fn](1)", true),
                arguments(MYSQL, "SELECT `fn`(1)", true),
                arguments(MYSQL, "SELECT 1 /*! + my_fn(1) */", true),
                arguments(POSTGRESQL, "SELECT 1 /*! + my_fn(1) */", false),
                arguments(POSTGRESQL, "SELECT $$ my_fn(1) $$, E'my_fn(2)'", false),
                arguments(POSTGRESQL, "SELECT $1::int, my_fn($2)", true),
                // A word, then a literal or the end of a statement, then a parenthesis: no call.
                arguments(POSTGRESQL, "SELECT f $$x$$ (1)", false),
                arguments(POSTGRESQL, "SELECT f E'x' (1)", false),
                arguments(ORACLE, "SELECT f q'[x]' (1)", false),
                arguments(GENERIC, "SELECT f;(SELECT 1)", false),
                // MySQL runs the inside of /*! */ as if the markers were not there: my_fn (1) is a call.
                arguments(MYSQL, "SELECT my_fn/*! (1) */", true));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("calls")
    void noticesCallsOfFunctionsThatAreNotBuiltIn(Dialect dialect, String sql, boolean mayCall) {
        assertThat(HintLexer.scan(sql, dialect).mayCallFunctions()).isEqualTo(mayCall);
    }

    /** Dialect, SQL, the indices of its statement-ending semicolons. */
    static Stream<Arguments> statementEnds() {
        return Stream.of(
                arguments(GENERIC, "SELECT 1", new int[0]),
                arguments(GENERIC, "SELECT 1;", new int[] {8}),
                arguments(GENERIC, "UPDATE a SET x = ';'; COMMIT", new int[] {20}),
                arguments(GENERIC, "SELECT \";\" FROM t; SELECT 2 -- ;\n", new int[] {17}),
                arguments(GENERIC, "SELECT 1 /* ; */; SELECT 2", new int[] {16}),
                arguments(POSTGRESQL, "DO $$ BEGIN UPDATE t SET a = 1; END $$; SELECT 1", new int[] {38}),
                arguments(POSTGRESQL, "SELECT E'\\';'; SELECT 1", new int[] {13}),
                arguments(GENERIC, "SELECT $$;$$; SELECT 1", new int[] {9, 12}),
                arguments(POSTGRESQL, "SELECT $$;$$; SELECT 1", new int[] {12}),
                arguments(MYSQL, "SELECT 'a\\';'; SELECT 1", new int[] {13}),
                arguments(MYSQL, "SELECT `;`; # ;\nSELECT 1", new int[] {10}),
                arguments(SQLSERVER, "SELECT [;]; SELECT 1", new int[] {10}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("statementEnds")
    void findsWhereStatementsEnd(Dialect dialect, String sql, int[] ends) {
        SqlScan scan = HintLexer.scan(sql, dialect);
        assertThat(scan.statementEnds()).isEqualTo(ends);
        assertThat(scan.statementEndsCertain()).isTrue();
    }

    @Test
    void aSemicolonInParenthesesOrAnExecutableCommentMakesTheSplitUncertain() {
        assertThat(HintLexer.scan("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); "
                + "INSERT INTO b VALUES (2))", POSTGRESQL).statementEndsCertain()).isFalse();
        assertThat(HintLexer.scan("/*! UPDATE a SET x = 1; UPDATE b SET y = 2 */", MYSQL).statementEndsCertain())
                .isFalse();
    }

    @Test
    void mysqlExecutableCommentsAreSql() {
        SqlScan scan = HintLexer.scan("/*!50001 UPDATE t SET x = 1 */", MYSQL);
        assertThat(scan.firstKeyword()).isEqualTo("UPDATE");
        assertThat(scan.executedText("/*!50001 UPDATE t SET x = 1 */")).isEqualTo("         UPDATE t SET x = 1   ");
        assertThat(HintLexer.scan("/*M!100100 DELETE FROM t */", MYSQL).firstKeyword()).isEqualTo("DELETE");
        assertThat(HintLexer.scan("/*!50001 UPDATE t SET x = 1 */", POSTGRESQL).firstKeyword()).isNull();
        assertThat(HintLexer.scan("/*!50001 UPDATE t SET x = 1 */", GENERIC).firstKeyword()).isNull();
    }

    @Test
    void neverThrowsOnAnyInput() {
        List<String> parts = List.of("/*", "*/", "'", "\"", "`", "[", "]", "$$", "$t$", "--", "#", "\n", ";", "\\",
                "cache:", "x", ",", "60", "E'", "q'[", " ", "SELECT", "(", ")", "/*!", "/*M!1001", "f", ".");
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sql = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                sql.append(parts.get(random.nextInt(parts.size())));
            }
            for (Dialect d : Dialect.values()) {
                HintLexer.scan(sql.toString(), d);
            }
        }
    }

    @Test
    void dialectsFromUrls() {
        assertThat(Dialect.fromUrl("jdbc:postgresql://db/x")).isEqualTo(POSTGRESQL);
        assertThat(Dialect.fromUrl("jdbc:mariadb://db/x")).isEqualTo(MYSQL);
        assertThat(Dialect.fromUrl("jdbc:mysql://db/x")).isEqualTo(MYSQL);
        assertThat(Dialect.fromUrl("jdbc:h2:mem:x")).isEqualTo(H2);
        assertThat(Dialect.fromUrl("jdbc:sqlserver://db")).isEqualTo(SQLSERVER);
        assertThat(Dialect.fromUrl("jdbc:oracle:thin:@db")).isEqualTo(ORACLE);
        assertThat(Dialect.fromUrl("jdbc:sqlite:x")).isEqualTo(GENERIC);
    }
}
