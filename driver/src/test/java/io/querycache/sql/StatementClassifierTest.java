package io.querycache.sql;

import io.querycache.sql.StatementInfo.Kind;
import io.querycache.sql.StatementInfo.TransactionCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class StatementClassifierTest {

    private static StatementInfo classify(String sql) {
        return StatementClassifier.classify(sql, HintLexer.scan(sql, Dialect.GENERIC), false);
    }

    private static StatementInfo classify(Dialect dialect, String sql) {
        return StatementClassifier.classify(sql, HintLexer.scan(sql, dialect), false);
    }

    private static Set<String> set(String names) {
        return names == null || names.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(names.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT code, name FROM countries ORDER BY name|countries",
            "select * from Public.Countries c|countries",
            "SELECT * FROM \"Shop\".\"Countries\"|countries",
            "SELECT * FROM `shop`.`countries`|countries",
            "SELECT p.name FROM products p JOIN categories c ON c.id = p.category_id|categories products",
            "SELECT * FROM a LEFT JOIN b ON a.id = b.id RIGHT JOIN c ON c.id = b.id|a b c",
            "SELECT * FROM a WHERE id IN (SELECT a_id FROM b)|a b",
            "SELECT * FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x)|a b",
            "SELECT (SELECT max(x) FROM b) FROM a|a b",
            "SELECT * FROM (SELECT * FROM inner_t) sub|inner_t sub",
            "SELECT * FROM (SELECT * FROM countries) countries|countries",
            "WITH recent AS (SELECT * FROM orders) SELECT * FROM recent JOIN customers ON true|customers orders recent",
            "SELECT a FROM t1 UNION SELECT a FROM t2 EXCEPT SELECT a FROM t3|t1 t2 t3",
            "(SELECT a FROM t1) INTERSECT (SELECT a FROM t2)|t1 t2",
            "SELECT * FROM t WHERE name = ? AND id > ?|t",
            "SELECT DISTINCT ON (a) a, b FROM t ORDER BY a|t",
            "SELECT * FROM t WHERE name ILIKE 'x%' AND c::text = '1'|t",
            "SELECT TOP 5 * FROM t WITH (NOLOCK)|t",
            "SELECT * FROM t ORDER BY id LIMIT 10 OFFSET 5|t",
            "SELECT * FROM t FETCH FIRST 5 ROWS ONLY|t",
            "SELECT x FROM dual|dual",
            "SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.id = a.id) l|a b l",
            "SELECT a FROM t1 ORDER BY (SELECT max(x) FROM t2)|t1 t2",
            "SELECT a FROM t1 GROUP BY a, (SELECT 1 FROM t2)|t1 t2",
            "SELECT count(*) FILTER (WHERE x IN (SELECT y FROM t2)) FROM t1|t1 t2",
            "SELECT a FROM t1 GROUP BY a HAVING count(*) > (SELECT count(*) FROM t2)|t1 t2",
            "SELECT sum(a) OVER (ORDER BY (SELECT 1 FROM t2)) FROM t1|t1 t2",
            "SELECT CASE WHEN a > 0 THEN (SELECT b FROM t2 LIMIT 1) END FROM t1|t1 t2",
            "SELECT * FROM t1 ORDER BY (SELECT max(x) FROM t2, t3 WHERE t2.id = t3.id)|t1 t2 t3",
            "VALUES (1, 'a'), (2, 'b')|"})
    void queriesAndTheTablesTheyRead(String sql, String tables) {
        StatementInfo info = classify(sql);
        assertThat(info.kind()).isEqualTo(Kind.QUERY);
        assertThat(info.readTablesKnown()).isTrue();
        assertThat(new TreeSet<>(info.readTables())).isEqualTo(set(tables));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "INSERT INTO countries VALUES ('DE', 'Germany')|countries",
            "INSERT INTO public.Countries (code) SELECT code FROM staging|countries",
            "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2|t",
            "INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2|t",
            "INSERT INTO t (a) VALUES (?) RETURNING id|t",
            "REPLACE INTO t (a) VALUES (1)|t",
            "UPDATE countries SET name = ? WHERE code = ?|countries",
            "UPDATE \"Shop\".\"Countries\" SET name = 'x'|countries",
            "UPDATE t SET a = s.a FROM s WHERE t.id = s.id|t",
            "UPDATE a JOIN b ON a.id = b.id SET b.x = 1|b",
            "DELETE FROM countries WHERE code = ?|countries",
            "DELETE FROM t USING s WHERE t.id = s.id|t",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.a = s.a|t",
            "TRUNCATE TABLE countries|countries",
            "DROP TABLE countries|countries",
            "ALTER TABLE countries ADD COLUMN x INT|countries",
            "CREATE TABLE copy AS SELECT * FROM countries|copy",
            "CREATE TABLE fresh (id INT)|fresh",
            "CREATE VIEW v AS SELECT * FROM t|v",
            "CREATE INDEX i ON countries (name)|countries",
            "ALTER VIEW v AS SELECT * FROM t|v",
            "RENAME TABLE a TO b|a b",
            "UPDATE a JOIN (SELECT id FROM b) d ON a.id = d.id SET a.x = 1|a",
            "DELETE FROM a, b USING a JOIN b ON a.id = b.id WHERE a.x = 1|a b"})
    void writesAndTheTablesTheyWrite(String sql, String tables) {
        StatementInfo info = classify(sql);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(info.writtenTablesKnown()).isTrue();
        assertThat(new TreeSet<>(info.writtenTables())).isEqualTo(set(tables));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EXECUTE refresh_prices",
            "DO $$ BEGIN UPDATE t SET a = 1; END $$",
            "BEGIN UPDATE t SET a = 1; END;",
            "EXPLAIN ANALYZE",
            "GRANT SELECT ON t TO bob",
            "COPY t FROM STDIN",
            "DELETE FROM t WHERE a ~~~ b",
            "UPDATE a JOIN (SELECT id FROM b) d ON a.id = d.id SET d.x = 1",
            "FLIBBERTY GIBBET"})
    void writesWhoseTablesCannotBeNamedAreConservative(String sql) {
        StatementInfo info = classify(sql);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(info.writtenTablesKnown()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM t FOR UPDATE",
            "SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT",
            "SELECT * FROM t FOR SHARE",
            "SELECT * FROM t FOR NO KEY UPDATE",
            "SELECT * FROM t LOCK IN SHARE MODE",
            "SELECT * FROM t WITH (UPDLOCK)",
            "SELECT * INTO new_t FROM t"})
    void lockingReadsAndSelectIntoAreNeverCached(String sql) {
        assertThat(classify(sql).kind()).isEqualTo(Kind.UNCACHEABLE_READ);
    }

    /** What the read names stays known: the fallback for what the parser cannot read would lose it. */
    @Test
    void aLockingReadAndSelectIntoNameTheirTables() {
        StatementInfo locking = classify("SELECT * FROM t FOR UPDATE");
        assertThat(locking.readTables()).containsExactly("t");
        assertThat(locking.readTablesKnown()).isTrue();
        StatementInfo into = classify("SELECT * INTO new_t FROM t");
        assertThat(into.writtenTables()).containsExactly("new_t");
        assertThat(into.writtenTablesKnown()).isTrue();
    }

    /** What the parser cannot read, by its first keyword: a WITH that writes is no cacheable query. */
    @Test
    void unreadableWithClauses() {
        assertThat(classify("WITH d AS (DELETE FROM q RETURNING *) SELECT * FROM d WHERE a ~~~ b").kind())
                .isEqualTo(Kind.UNCACHEABLE_READ);
        StatementInfo read = classify("WITH x AS (SELECT 1) SELECT * FROM x WHERE a ~~~ b");
        assertThat(read.kind()).isEqualTo(Kind.QUERY);
        assertThat(read.readTablesKnown()).isFalse();
    }

    @Test
    void aSessionCommandNamesTheFunctionsItCalls() {
        assertThat(classify(Dialect.POSTGRESQL, "DECLARE c CURSOR FOR SELECT my_fn(1)").calledFunctions())
                .containsExactly("my_fn");
    }

    @Test
    void bracketedNamesInSqlServer() {
        String sql = "SELECT * FROM [dbo].[Countries] WITH (NOLOCK)";
        StatementInfo info = StatementClassifier.classify(sql, HintLexer.scan(sql, Dialect.SQLSERVER), false);
        assertThat(info.readTables()).containsExactly("countries");
        assertThat(classify(sql).readTablesKnown()).as("elsewhere brackets are unknown: depend on every table")
                .isFalse();
    }

    @Test
    void aDataModifyingCteIsAWriteOfItsTarget() {
        StatementInfo info = classify("WITH moved AS (DELETE FROM queue WHERE id < 10 RETURNING *)"
                + " INSERT INTO archive SELECT * FROM moved");
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(info.writtenTables()).contains("archive", "queue");

        StatementInfo select = classify("WITH d AS (DELETE FROM queue RETURNING id) SELECT * FROM d");
        assertThat(select.kind()).isEqualTo(Kind.UNCACHEABLE_READ);
        assertThat(select.writtenTables()).containsExactly("queue");

        StatementInfo nested = classify("WITH x AS (WITH d AS (DELETE FROM queue RETURNING id) SELECT * FROM d)"
                + " SELECT * FROM x");
        assertThat(nested.kind()).as("a write in a CTE of a CTE").isEqualTo(Kind.UNCACHEABLE_READ);
        assertThat(nested.writtenTables()).containsExactly("queue");
        assertThat(nested.writtenTablesKnown()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "BEGIN|BEGIN", "begin;|BEGIN", "BEGIN WORK|BEGIN", "BEGIN TRANSACTION|BEGIN",
            "BEGIN ISOLATION LEVEL SERIALIZABLE|BEGIN", "START TRANSACTION|BEGIN",
            "START TRANSACTION READ ONLY|BEGIN", "COMMIT|COMMIT", "commit work|COMMIT", "END|COMMIT",
            "END TRANSACTION|COMMIT", "ROLLBACK|ROLLBACK", "ROLLBACK WORK|ROLLBACK", "ABORT|ROLLBACK",
            "ROLLBACK TO SAVEPOINT s1|ROLLBACK_TO_SAVEPOINT", "ROLLBACK TO s1|ROLLBACK_TO_SAVEPOINT",
            "SAVEPOINT s1|SAVEPOINT", "RELEASE SAVEPOINT s1|RELEASE_SAVEPOINT",
            "SET autocommit = 0|AUTOCOMMIT_OFF", "SET AUTOCOMMIT OFF|AUTOCOMMIT_OFF", "set autocommit=1|AUTOCOMMIT_ON",
            // Forms the session recogniser leaves to the leading keywords (SQL Server, Oracle, named ones).
            "BEGIN TRAN t1|BEGIN", "START TRANSACTION t1|BEGIN", "COMMIT WRITE NOWAIT|COMMIT",
            "ROLLBACK TRAN t1|ROLLBACK_TO_SAVEPOINT", "ROLLBACK TRAN t1 garbage|ROLLBACK",
            "ROLLBACK FORCE 'x'|ROLLBACK_TO_SAVEPOINT", "SAVE TRANSACTION s1|SAVEPOINT", "SAVE TRAN s1|SAVEPOINT",
            "SET SESSION autocommit = ON|AUTOCOMMIT_ON", "SET @@autocommit = 0|AUTOCOMMIT_OFF"})
    void transactionCommands(String sql, TransactionCommand command) {
        StatementInfo info = classify(sql);
        assertThat(info.kind()).isEqualTo(Kind.TRANSACTION);
        assertThat(info.transactionCommand()).isEqualTo(command);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SET search_path TO shop", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SHOW TABLES",
            "EXPLAIN SELECT * FROM t", "USE shop", "DESCRIBE t", "RESET ALL", "LISTEN channel", "VACUUM t",
            "SET GLOBAL sql_mode = ''", "EXPLAIN ANALYZE SHOW TABLES"})
    void sessionCommandsAreNeitherReadsNorWrites(String sql) {
        assertThat(classify(sql).kind()).isEqualTo(Kind.SESSION);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT now()|now", "SELECT * FROM t WHERE created > CURRENT_TIMESTAMP|current_timestamp",
            "SELECT current_date|current_date", "SELECT random() FROM t|random", "SELECT RAND()|rand",
            "SELECT nextval('seq')|nextval", "SELECT * FROM t WHERE id IN (SELECT gen_random_uuid())|gen_random_uuid",
            "SELECT NEXT VALUE FOR seq|next value for", "SELECT uuid() FROM t|uuid", "SELECT sysdate FROM dual|sysdate"})
    void volatileFunctionsAreNamed(String sql, String function) {
        assertThat(classify(sql).volatileFunction()).isEqualTo(function);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT name FROM t", "SELECT 'now()' FROM t", "SELECT now_playing FROM t", "SELECT t.random FROM t"})
    void stableQueriesNameNoVolatileFunction(String sql) {
        assertThat(classify(sql).volatileFunction()).isNull();
    }

    @Test
    void queriesTheParserCannotReadDependOnEveryTable() {
        StatementInfo info = classify("SELECT * FROM t MATCH_RECOGNIZE (PATTERN (A+) DEFINE A AS true) WEIRD SYNTAX");
        assertThat(info.kind()).isEqualTo(Kind.QUERY);
        assertThat(info.readTablesKnown()).isFalse();
    }

    @Test
    void aCallableStatementIsNeverACacheableQuery() {
        String sql = "SELECT * FROM t";
        assertThat(StatementClassifier.classify(sql, HintLexer.scan(sql, Dialect.GENERIC), true).kind())
                .isEqualTo(Kind.UNCACHEABLE_READ);
        String call = "{? = call f(?)}";
        StatementInfo info = StatementClassifier.classify(call, HintLexer.scan(call, Dialect.GENERIC), true);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(info.calledFunctions()).containsExactly("f");
        String select = "SELECT my_fn(1)";
        StatementInfo read = StatementClassifier.classify(select, HintLexer.scan(select, Dialect.GENERIC), true);
        assertThat(read.kind()).isEqualTo(Kind.UNCACHEABLE_READ);
        assertThat(read.calledFunctions()).containsExactly("my_fn");
    }

    @Test
    void aParseThatRunsPastItsBudgetIsAbandonedAndClassifiedConservatively() {
        // Nested ten deep and unreadable at the end: simple parsing fails fast, then complex parsing backtracks
        // for seconds. The watchdog stops it and the statement is classified by its first keyword.
        String sql = "SELECT " + "(".repeat(10) + "1" + " + x)".repeat(10) + " FROM t WHERE a ~~~ b";
        long before = StatementClassifier.ABANDONED.get();
        StatementInfo info = classify(sql);
        assertThat(StatementClassifier.ABANDONED.get()).isGreaterThan(before);
        assertThat(info.kind()).isEqualTo(Kind.QUERY);
        assertThat(info.readTablesKnown()).isFalse();
    }

    @Test
    void aStatementTheParserRejectsAtOnceIsNotCountedAsAbandoned() {
        long before = StatementClassifier.ABANDONED.get();
        assertThat(classify("FLIBBERTY GIBBET").kind()).isEqualTo(Kind.WRITE);
        assertThat(StatementClassifier.ABANDONED.get()).isEqualTo(before);
    }

    @Test
    void parsingLeavesNoThreadsBehind() {
        int before = Thread.activeCount();
        for (int i = 0; i < 1000; i++) {
            classify("SELECT FROM WHERE garbage " + i + " ((( ");
        }
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "GENERIC|SELECT my_fn(a) FROM t|QUERY|my_fn",
            "POSTGRESQL|SELECT count(*), coalesce(a, 0), now(), row_number() OVER (), lower(b) FROM t|QUERY|",
            "MYSQL|SELECT group_concat(a), ifnull(b, 0), json_extract(c, '$.d'), rand() FROM t|QUERY|",
            "H2|SELECT CAST(a AS VARCHAR(10)), EXTRACT(YEAR FROM d), TRIM(x), greatest(a, b) FROM t|QUERY|",
            "POSTGRESQL|SELECT * FROM t WHERE a = shop.price_of(b)|QUERY|price_of",
            "POSTGRESQL|SELECT * FROM t WHERE a IN (SELECT f2(b) FROM u)|QUERY|f2",
            "POSTGRESQL|SELECT * FROM set_fn(1)|QUERY|set_fn",
            "POSTGRESQL|SELECT my_agg(x) OVER (), \"OddFn\"(y) FROM t|QUERY|my_agg oddfn",
            "POSTGRESQL|SELECT pg_catalog.now(), public.lower(x)|QUERY|lower",
            "MYSQL|SELECT `f`(a) FROM t ORDER BY g(b)|QUERY|f g",
            "H2|SELECT a FROM t GROUP BY a HAVING count(*) > h(1)|QUERY|h",
            "GENERIC|SELECT my_fn(a) FROM t WEIRD SYNTAX ~~~ here|QUERY|my_fn",
            "GENERIC|INSERT INTO t VALUES (f(1))|WRITE|f",
            "MYSQL|INSERT INTO t (a) SELECT f(b) FROM u|WRITE|f",
            "POSTGRESQL|UPDATE t SET a = g(1) WHERE b = h(2)|WRITE|g h",
            "MYSQL|DELETE FROM t WHERE id = f(1)|WRITE|f",
            "GENERIC|CALL p(f(1), 'x(2)')|WRITE|f p",
            "GENERIC|{call refresh_prices(?)}|WRITE|refresh_prices",
            "GENERIC|{? = call shop.total(?)}|WRITE|total",
            "POSTGRESQL|CALL \"Refresh\"()|WRITE|refresh",
            "MYSQL|CALL shop.refresh()|WRITE|refresh",
            "MYSQL|CALL refresh|WRITE|refresh",
            "H2|CALL refresh(1)|WRITE|refresh",
            "SQLSERVER|EXEC refresh_prices|WRITE|refresh_prices",
            "SQLSERVER|EXECUTE dbo.refresh_prices @a = 1|WRITE|refresh_prices",
            "SQLSERVER|EXEC @rc = [dbo].[refresh]|WRITE|refresh",
            "GENERIC|EXEC refresh_prices|WRITE|refresh_prices",
            "POSTGRESQL|EXPLAIN ANALYZE SELECT my_fn(1)|UNCACHEABLE_READ|my_fn",
            "MYSQL|SET @x = my_fn(1)|SESSION|my_fn"})
    void functionsCalledAnywhereExceptBuiltIns(Dialect dialect, String sql, Kind kind, String functions) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(kind);
        assertThat(new TreeSet<>(info.calledFunctions())).isEqualTo(set(functions));
        if (sql.matches("(?is)[{?= ]*(CALL|EXEC).*")) {
            assertThat(info.writtenTables()).as("what the routine writes is the caller's to find out").isEmpty();
            assertThat(info.writtenTablesKnown()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "POSTGRESQL|EXECUTE prepared_update(1)",
            "MYSQL|EXECUTE stmt USING @a",
            "H2|EXECUTE IMMEDIATE 'UPDATE t SET a = 1'",
            "SQLSERVER|EXEC ('UPDATE t SET a = 1')",
            "SQLSERVER|EXEC sp_executesql N'UPDATE t SET a = 1'",
            "POSTGRESQL|DO $$ BEGIN UPDATE t SET a = 1; END $$",
            "POSTGRESQL|DO LANGUAGE plpgsql $$ BEGIN DELETE FROM t; END $$",
            "MYSQL|BEGIN NOT ATOMIC UPDATE t SET a = 1; END",
            "MYSQL|IF 1 THEN UPDATE t SET a = 1; END IF",
            "GENERIC|BEGIN UPDATE t SET a = 1; END;",
            "SQLSERVER|BEGIN UPDATE t SET a = 1 END"})
    void blocksAndDynamicSqlWriteUnknownTables(Dialect dialect, String sql) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(info.writtenTablesKnown()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "POSTGRESQL|EXPLAIN ANALYZE UPDATE t SET a = 1|WRITE|t",
            "POSTGRESQL|EXPLAIN ANALYSE VERBOSE DELETE FROM t|WRITE|t",
            "POSTGRESQL|explain analyze verbose insert into t values (1)|WRITE|t",
            "POSTGRESQL|EXPLAIN (ANALYZE) INSERT INTO t VALUES (1)|WRITE|t",
            "POSTGRESQL|EXPLAIN (ANALYZE true, BUFFERS, FORMAT JSON) UPDATE t SET a = 1|WRITE|t",
            "POSTGRESQL|EXPLAIN (FORMAT JSON, ANALYZE on) UPDATE t SET a = 1|WRITE|t",
            "POSTGRESQL|/*cache:k*/ EXPLAIN ANALYZE UPDATE t SET a = 1|WRITE|t",
            "POSTGRESQL|EXPLAIN ANALYZE WITH d AS (DELETE FROM q RETURNING *) INSERT INTO r SELECT * FROM d|WRITE|q r",
            "POSTGRESQL|EXPLAIN ANALYZE SELECT * FROM t|UNCACHEABLE_READ|",
            "POSTGRESQL|EXPLAIN (ANALYZE false) UPDATE t SET a = 1|SESSION|",
            "POSTGRESQL|EXPLAIN (ANALYZE off, FORMAT JSON) UPDATE t SET a = 1|SESSION|",
            "POSTGRESQL|EXPLAIN UPDATE t SET a = 1|SESSION|",
            "POSTGRESQL|EXPLAIN VERBOSE UPDATE t SET a = 1|SESSION|",
            "POSTGRESQL|EXPLAIN (FORMAT JSON) UPDATE t SET a = 1|SESSION|",
            "POSTGRESQL|ANALYZE t|SESSION|",
            "POSTGRESQL|ANALYZE VERBOSE t|SESSION|",
            "MYSQL|ANALYZE UPDATE t SET a = 1|WRITE|t",
            "MYSQL|ANALYZE FORMAT=JSON DELETE FROM t WHERE a = 1|WRITE|t",
            "MYSQL|analyze format = json insert into t values (1)|WRITE|t",
            "MYSQL|ANALYZE REPLACE INTO t VALUES (1)|WRITE|t",
            "MYSQL|ANALYZE SELECT * FROM t|UNCACHEABLE_READ|",
            "MYSQL|ANALYZE TABLE t|SESSION|",
            "MYSQL|ANALYZE NO_WRITE_TO_BINLOG TABLE t|SESSION|",
            "MYSQL|EXPLAIN ANALYZE SELECT * FROM t|UNCACHEABLE_READ|",
            "MYSQL|EXPLAIN UPDATE t SET a = 1|SESSION|",
            "MYSQL|/*! UPDATE t SET x = 1 */|WRITE|t",
            "MYSQL|/*!50001 DELETE FROM t */|WRITE|t",
            "MYSQL|/*M! UPDATE t SET x = 1 */|WRITE|t",
            "MYSQL|/*M!100100 INSERT INTO t VALUES (1) */|WRITE|t",
            "MYSQL|INSERT /*! IGNORE */ INTO t VALUES (1)|WRITE|t",
            "MYSQL|/*cache:k*/ /*!50001 DELETE FROM t */|WRITE|t",
            "MYSQL|/*!40101 SET NAMES utf8 */|SESSION|",
            "MYSQL|SELECT /*!40001 SQL_NO_CACHE */ * FROM t|QUERY|",
            "MYSQL|SELECT * FROM t /*!50001 FOR UPDATE */|UNCACHEABLE_READ|",
            "POSTGRESQL|/*! UPDATE t SET x = 1 */|SESSION|",
            "GENERIC|/*!50001 DELETE FROM t */|SESSION|",
            "H2|/*M! UPDATE t SET x = 1 */ SELECT 1 FROM u|QUERY|",
            "SQLSERVER|/*! UPDATE t SET x = 1 */ SELECT 1 FROM u|QUERY|"})
    void statementsThatRunAnother(Dialect dialect, String sql, Kind kind, String written) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(kind);
        assertThat(new TreeSet<>(info.writtenTables())).isEqualTo(set(written));
        if (kind == Kind.WRITE) {
            assertThat(info.writtenTablesKnown()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "GENERIC|UPDATE a SET x = 1; COMMIT|WRITE TRANSACTION|a",
            "GENERIC|INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)|WRITE WRITE|a b",
            "MYSQL|SET x=1; UPDATE t SET a = 1|SESSION WRITE|t",
            "POSTGRESQL|UPDATE t SET a = 1; ROLLBACK;|WRITE TRANSACTION|t",
            "POSTGRESQL|BEGIN; UPDATE t SET a = ';'; COMMIT|TRANSACTION WRITE TRANSACTION|t",
            "POSTGRESQL|UPDATE t SET a = $$;$$; DELETE FROM u|WRITE WRITE|t u",
            "POSTGRESQL|DO $$ BEGIN DELETE FROM x; END $$; UPDATE u SET b = 2|WRITE WRITE|u",
            "POSTGRESQL|EXPLAIN ANALYZE DELETE FROM t; SELECT 1|WRITE QUERY|t",
            "MYSQL|UPDATE t SET a = 'x;y'; DELETE FROM u -- ; DROP TABLE v|WRITE WRITE|t u",
            "MYSQL|UPDATE t SET a = 'x\\';y'; DELETE FROM u # ; DROP TABLE v|WRITE WRITE|t u",
            "MYSQL|/*!40101 SET NAMES utf8 */; /*! UPDATE t SET a = 1 */|SESSION WRITE|t",
            "MYSQL|START TRANSACTION; INSERT INTO `a;b` VALUES (1); COMMIT|TRANSACTION WRITE TRANSACTION|a;b",
            "H2|SELECT 1; DELETE FROM u|QUERY WRITE|u",
            "SQLSERVER|UPDATE [a;b] SET x = 1; DELETE FROM u|WRITE WRITE|a;b u",
            "GENERIC|UPDATE t SET a = 1; /* done; */ DELETE FROM u; -- bye|WRITE WRITE|t u",
            "GENERIC|CREATE TABLE n (id INT); DROP TABLE o|WRITE WRITE|n o"})
    void everyStatementOfAMultiStatementText(Dialect dialect, String sql, String kinds, String written) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(Kind.MULTIPLE);
        assertThat(info.parts()).extracting(p -> p.kind().name()).containsExactly(kinds.split(" "));
        assertThat(new TreeSet<>(info.writtenTables())).isEqualTo(set(written));
        assertThat(info.writtenTablesKnown()).isEqualTo(info.parts().stream().allMatch(StatementInfo::writtenTablesKnown));
    }

    @Test
    void aTransactionCommandInAMultiStatementTextKeepsItsCommand() {
        StatementInfo info = classify(Dialect.POSTGRESQL, "BEGIN; UPDATE t SET a = 1; ROLLBACK TO s1; COMMIT");
        assertThat(info.parts()).extracting(StatementInfo::transactionCommand).containsExactly(
                TransactionCommand.BEGIN, null, TransactionCommand.ROLLBACK_TO_SAVEPOINT, TransactionCommand.COMMIT);
        assertThat(classify(Dialect.MYSQL, "UPDATE t SET a = my_fn(1); SELECT g(2)").calledFunctions())
                .containsExactlyInAnyOrder("my_fn", "g");
        assertThat(classify(Dialect.GENERIC, "UPDATE t SET a = 1;").kind()).as("one statement").isEqualTo(Kind.WRITE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "MYSQL|CREATE PROCEDURE p() BEGIN UPDATE t SET a = 1; UPDATE u SET b = 2; END",
            "MYSQL|CREATE DEFINER=root PROCEDURE p() BEGIN UPDATE t SET a = 1; END",
            "MYSQL|CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END",
            "MYSQL|CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END",
            "MYSQL|ALTER EVENT e DO BEGIN DELETE FROM t; DELETE FROM u; END",
            "MYSQL|BEGIN NOT ATOMIC UPDATE t SET a = 1; END",
            "MYSQL|lbl: BEGIN UPDATE t SET a = 1; END",
            "MYSQL|/*! UPDATE a SET x = 1; UPDATE b SET y = 2 */",
            "POSTGRESQL|CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC UPDATE t SET a = 1; SELECT 1; END",
            "POSTGRESQL|CREATE OR REPLACE FUNCTION f() RETURNS void AS $$ UPDATE t SET a = 1; $$ LANGUAGE sql; SELECT 1",
            "POSTGRESQL|CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
            "GENERIC|DO $$ BEGIN UPDATE t SET a = 1; END $$",
            "GENERIC|BEGIN UPDATE t SET a = 1; END;",
            "H2|CREATE ALIAS f AS $$ int f() { return 1; } $$; SELECT 1",
            "SQLSERVER|CREATE PROCEDURE p AS BEGIN UPDATE t SET a = 1; UPDATE u SET b = 2; END"})
    void aTextThatCannotBeSplitForSureIsAWriteOfUnknownTables(Dialect dialect, String sql) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(info.writtenTablesKnown()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "MYSQL|DELETE a, b FROM t1 a JOIN t2 b ON a.id = b.id|t1 t2|true",
            "MYSQL|DELETE a FROM t1 AS a JOIN t2 AS b ON a.id = b.id|t1|true",
            "MYSQL|DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id|t1|true",
            "MYSQL|DELETE `a` FROM shop.t1 AS `a` INNER JOIN t2 b ON a.id = b.id WHERE b.x = 1|t1|true",
            "MYSQL|DELETE FROM a, b USING t1 AS a JOIN t2 AS b ON a.id = b.id|t1 t2|true",
            "MYSQL|DELETE FROM a USING t1 AS a JOIN t2 AS b ON a.id = b.id|t1|true",
            "MYSQL|DELETE z FROM t1 a JOIN t2 b ON a.id = b.id||false",
            "MYSQL|UPDATE t1 a JOIN t2 b ON a.id = b.id SET a.x = 1, b.y = 2|t1 t2|true",
            "MYSQL|UPDATE t1 a JOIN t2 b ON a.id = b.id SET a.x = b.y|t1|true",
            "MYSQL|UPDATE t1 AS a LEFT JOIN t2 AS b ON a.id = b.id SET b.y = 2|t2|true",
            "MYSQL|UPDATE t1 a, t2 b SET a.x = 1 WHERE a.id = b.id|t1|true",
            "MYSQL|UPDATE t1, t2 SET t1.x = t2.y WHERE t1.id = t2.id|t1|true",
            "MYSQL|UPDATE t1 a, t2 b SET x = 1|t1 t2|true",
            "MYSQL|UPDATE t1 a JOIN (SELECT id FROM t2) d ON a.id = d.id SET d.x = 1||false",
            "GENERIC|UPDATE a JOIN b ON a.id = b.id SET b.x = 1|b|true",
            "POSTGRESQL|UPDATE t SET a = u.a FROM u WHERE t.id = u.id|t|true",
            "POSTGRESQL|UPDATE t SET a = u.a FROM u JOIN r ON r.id = u.id WHERE t.id = u.id|t|true",
            "POSTGRESQL|UPDATE t AS x SET a = 1 FROM u WHERE x.id = u.id|t|true",
            "POSTGRESQL|DELETE FROM t USING u WHERE t.id = u.id|t|true",
            "POSTGRESQL|DELETE FROM t USING u, r WHERE t.id = u.id|t|true",
            "POSTGRESQL|DELETE FROM t AS x USING u WHERE x.id = u.id|t|true",
            "H2|UPDATE t SET a = (SELECT max(b) FROM u)|t|true"})
    void multiTableWritesResolveTheirAliases(Dialect dialect, String sql, String written, boolean known) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(new TreeSet<>(info.writtenTables())).isEqualTo(set(written));
        assertThat(info.writtenTablesKnown()).isEqualTo(known);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "POSTGRESQL|WITH d AS (DELETE FROM q RETURNING id) SELECT * FROM d|UNCACHEABLE_READ|q|true",
            "POSTGRESQL|WITH a AS (INSERT INTO x VALUES (1) RETURNING *), b AS (UPDATE y SET c = 1 RETURNING *)"
                    + " SELECT * FROM a, b|UNCACHEABLE_READ|x y|true",
            "POSTGRESQL|WITH a AS (INSERT INTO x VALUES (1) RETURNING *), b AS (UPDATE y SET c = 1 RETURNING *)"
                    + " DELETE FROM z|WRITE|x y z|true",
            "POSTGRESQL|WITH d AS (DELETE FROM q RETURNING *) INSERT INTO archive SELECT * FROM d|WRITE|archive q|true",
            "POSTGRESQL|INSERT INTO t WITH d AS (DELETE FROM q RETURNING *) SELECT * FROM d|WRITE|q t|true",
            "POSTGRESQL|WITH d AS (DELETE FROM q RETURNING *) UPDATE t SET a = 1 FROM d WHERE t.id = d.id|WRITE|q t|true",
            "POSTGRESQL|WITH s AS (SELECT * FROM u) UPDATE t SET a = 1 FROM s|WRITE|t|true",
            "POSTGRESQL|WITH s AS (WITH d AS (DELETE FROM q RETURNING *) SELECT * FROM d) SELECT * FROM s"
                    + "|UNCACHEABLE_READ|q|true",
            "POSTGRESQL|WITH a AS (WITH b AS (DELETE FROM q RETURNING *) INSERT INTO r SELECT * FROM b RETURNING *)"
                    + " SELECT * FROM a|UNCACHEABLE_READ||false",
            "GENERIC|WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM u|UNCACHEABLE_READ|t|true",
            "H2|WITH d AS (DELETE FROM q RETURNING *) DELETE FROM r|WRITE|q r|true"})
    void dataModifyingCtesWriteTheirTargets(Dialect dialect, String sql, Kind kind, String written, boolean known) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(kind);
        assertThat(new TreeSet<>(info.writtenTables())).isEqualTo(set(written));
        assertThat(info.writtenTablesKnown()).isEqualTo(known);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "POSTGRESQL|DROP SCHEMA shop CASCADE||false|false",
            "POSTGRESQL|DROP SCHEMA IF EXISTS shop, other RESTRICT||false|false",
            "MYSQL|DROP DATABASE shop||false|false",
            "MYSQL|drop schema if exists `shop`||false|false",
            "H2|DROP SCHEMA shop CASCADE||false|false",
            "GENERIC|/*cache:k*/ DROP DATABASE shop||false|false",
            "GENERIC|DROP TABLE a, b|a b|true|false",
            "POSTGRESQL|DROP TABLE IF EXISTS shop.a, \"B\" CASCADE|a b|true|false",
            "MYSQL|DROP TEMPORARY TABLE IF EXISTS `a`, b|a b|true|false",
            "SQLSERVER|DROP TABLE [dbo].[A], b|a b|true|false",
            "GENERIC|DROP VIEW v1, v2|v1 v2|true|false",
            "POSTGRESQL|DROP MATERIALIZED VIEW IF EXISTS mv|mv|true|false",
            "POSTGRESQL|TRUNCATE a, b CASCADE|a b|true|true",
            "POSTGRESQL|TRUNCATE TABLE a CASCADE|a|true|true",
            "POSTGRESQL|TRUNCATE a|a|true|false",
            "MYSQL|TRUNCATE TABLE a|a|true|false"})
    void dropsAndTruncates(Dialect dialect, String sql, String written, boolean known, boolean cascade) {
        StatementInfo info = classify(dialect, sql);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(new TreeSet<>(info.writtenTables())).isEqualTo(set(written));
        assertThat(info.writtenTablesKnown()).isEqualTo(known);
        assertThat(info.truncateCascade()).isEqualTo(cascade);
    }
}
