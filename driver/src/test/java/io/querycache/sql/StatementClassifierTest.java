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
            "UPDATE a JOIN b ON a.id = b.id SET b.x = 1|a b",
            "DELETE FROM countries WHERE code = ?|countries",
            "DELETE FROM t USING s WHERE t.id = s.id|t",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.a = s.a|t",
            "TRUNCATE TABLE countries|countries",
            "DROP TABLE countries|countries",
            "ALTER TABLE countries ADD COLUMN x INT|countries",
            "CREATE TABLE copy AS SELECT * FROM countries|copy",
            "CREATE TABLE fresh (id INT)|fresh",
            "CREATE VIEW v AS SELECT * FROM t|v",
            "CREATE INDEX i ON countries (name)|countries"})
    void writesAndTheTablesTheyWrite(String sql, String tables) {
        StatementInfo info = classify(sql);
        assertThat(info.kind()).isEqualTo(Kind.WRITE);
        assertThat(info.writtenTablesKnown()).isTrue();
        assertThat(new TreeSet<>(info.writtenTables())).isEqualTo(set(tables));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CALL refresh_prices()",
            "{call refresh_prices(?)}",
            "EXEC refresh_prices",
            "EXECUTE refresh_prices",
            "DO $$ BEGIN UPDATE t SET a = 1; END $$",
            "BEGIN UPDATE t SET a = 1; END;",
            "EXPLAIN ANALYZE UPDATE t SET a = 1",
            "GRANT SELECT ON t TO bob",
            "COPY t FROM STDIN",
            "UPDATE t SET a = 1; DELETE FROM u",
            "SELECT 1; DELETE FROM u",
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
            "SET SESSION autocommit = ON|AUTOCOMMIT_ON", "SET @@autocommit = 0|AUTOCOMMIT_OFF"})
    void transactionCommands(String sql, TransactionCommand command) {
        StatementInfo info = classify(sql);
        assertThat(info.kind()).isEqualTo(Kind.TRANSACTION);
        assertThat(info.transactionCommand()).isEqualTo(command);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SET search_path TO shop", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SHOW TABLES",
            "EXPLAIN SELECT * FROM t", "USE shop", "DESCRIBE t", "RESET ALL", "LISTEN channel", "VACUUM t"})
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
        assertThat(info.writtenTablesKnown()).isFalse();
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
    void parsingLeavesNoThreadsBehind() {
        int before = Thread.activeCount();
        for (int i = 0; i < 1000; i++) {
            classify("SELECT FROM WHERE garbage " + i + " ((( ");
        }
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 1);
    }
}
