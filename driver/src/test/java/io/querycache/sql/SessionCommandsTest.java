package io.querycache.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every SQL form of SPEC 5.3 and 7, a row each: dialect | SQL | what the recogniser makes of it. */
class SessionCommandsTest {

    private static String recognised(String dialect, String sql) {
        SessionCommand c = SessionCommands.recognise(sql, HintLexer.scan(sql, Dialect.valueOf(dialect)));
        return c == null ? "null" : c.toString();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "POSTGRESQL|BEGIN|BEGIN",
            "POSTGRESQL|begin work;|BEGIN",
            "POSTGRESQL|BEGIN ISOLATION LEVEL REPEATABLE READ|BEGIN isolation=4",
            "POSTGRESQL|BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY|BEGIN isolation=8 true",
            "MYSQL|START TRANSACTION READ ONLY|BEGIN true",
            "MYSQL|START TRANSACTION WITH CONSISTENT SNAPSHOT|BEGIN WITH CONSISTENT SNAPSHOT",
            "MYSQL|/*x*/ START TRANSACTION WITH CONSISTENT SNAPSHOT, READ WRITE|BEGIN WITH CONSISTENT SNAPSHOT false",
            "H2|BEGIN TRANSACTION|BEGIN",
            "POSTGRESQL|BEGIN; UPDATE t SET a = 1|null",
            "GENERIC|BEGIN UPDATE t SET a = 1; END|null",
            "POSTGRESQL|COMMIT|COMMIT",
            "POSTGRESQL|END|COMMIT",
            "MYSQL|COMMIT AND CHAIN|COMMIT AND CHAIN",
            "MYSQL|COMMIT WORK AND NO CHAIN|COMMIT",
            "MYSQL|ROLLBACK AND CHAIN|ROLLBACK AND CHAIN",
            "POSTGRESQL|ABORT|ROLLBACK",
            "POSTGRESQL|ROLLBACK TO SAVEPOINT s1|ROLLBACK_TO_SAVEPOINT",
            "MYSQL|ROLLBACK WORK TO s1|ROLLBACK_TO_SAVEPOINT",
            "SQLSERVER|ROLLBACK TRAN s1|ROLLBACK_TO_SAVEPOINT",
            "SQLSERVER|ROLLBACK TRANSACTION @name|ROLLBACK_TO_SAVEPOINT",
            "SQLSERVER|ROLLBACK TRANSACTION|ROLLBACK",
            "MYSQL|ROLLBACK AND NO CHAIN RELEASE|ROLLBACK",
            "POSTGRESQL|SAVEPOINT s1|SAVEPOINT",
            "POSTGRESQL|RELEASE SAVEPOINT s1|RELEASE_SAVEPOINT",
            "MYSQL|SET autocommit=0|AUTOCOMMIT false",
            "MYSQL|SET autocommit = ON|AUTOCOMMIT true",
            "MYSQL|SET @@session.autocommit=0|AUTOCOMMIT false",
            "MYSQL|SET @@autocommit = 1|AUTOCOMMIT true",
            "MYSQL|SET SESSION autocommit = 'OFF'|AUTOCOMMIT false",
            "MYSQL|SET autocommit = @saved|AUTOCOMMIT",
            "H2|SET AUTOCOMMIT FALSE|AUTOCOMMIT false",
            "MYSQL|SET autocommit=0, sql_mode=''|[AUTOCOMMIT false, SETTING sql_mode='']",
            "MYSQL|SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED|ISOLATION isolation=1",
            "MYSQL|SET TRANSACTION ISOLATION LEVEL SERIALIZABLE|ISOLATION isolation=8",
            "POSTGRESQL|SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED|ISOLATION isolation=1",
            "H2|SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ|ISOLATION isolation=4",
            "MYSQL|SET tx_isolation = 'READ-UNCOMMITTED'|ISOLATION isolation=1",
            "MYSQL|SET @@session.transaction_isolation='REPEATABLE-READ'|ISOLATION isolation=4",
            "MYSQL|SET transaction_isolation = @level|ISOLATION",
            "POSTGRESQL|SET default_transaction_isolation = 'read uncommitted'|ISOLATION isolation=1",
            "POSTGRESQL|SET transaction_isolation = 'serializable'|ISOLATION isolation=8",
            "MYSQL|SET SESSION TRANSACTION READ ONLY|READ_ONLY true",
            "MYSQL|XA START 'x1'|XA_START 'x1'",
            "MYSQL|XA END 'x1'|XA_END 'x1'",
            "MYSQL|XA PREPARE 'x1'|XA_PREPARE 'x1'",
            "MYSQL|XA COMMIT 'x1' ONE PHASE|XA_COMMIT 'x1'",
            "MYSQL|XA ROLLBACK 'x1'|XA_ROLLBACK 'x1'",
            "MYSQL|XA RECOVER|null",
            "POSTGRESQL|PREPARE TRANSACTION 'p1'|PREPARE_TRANSACTION 'p1'",
            "POSTGRESQL|COMMIT PREPARED 'p1'|COMMIT_PREPARED 'p1'",
            "POSTGRESQL|ROLLBACK PREPARED 'p1'|ROLLBACK_PREPARED 'p1'",
            "POSTGRESQL|PREPARE q AS SELECT 1|null",
            "POSTGRESQL|SET search_path TO tenant_a, public|SETTING search_path=tenant_a, public",
            "POSTGRESQL|SET search_path = tenant_a|SETTING search_path=tenant_a",
            "POSTGRESQL|SET SCHEMA 'tenant_a'|SETTING schema='tenant_a'",
            "H2|SET SCHEMA TENANT_A|SETTING schema=TENANT_A",
            "H2|SET SCHEMA_SEARCH_PATH A, B|SETTING schema_search_path=A, B",
            "MYSQL|USE tenant_a|SETTING catalog=tenant_a",
            "POSTGRESQL|SET ROLE tenant_a|SETTING role=tenant_a",
            "POSTGRESQL|SET SESSION AUTHORIZATION tenant_a|SETTING session authorization=tenant_a",
            "POSTGRESQL|RESET ROLE|SETTING role=DEFAULT",
            "POSTGRESQL|SET app.tenant = 'a'|SETTING app.tenant='a'",
            "POSTGRESQL|SET LOCAL app.tenant = 'a'|SETTING app.tenant='a' (transaction)",
            "POSTGRESQL|SELECT set_config('app.tenant', 'a', false)|SETTING app.tenant='a'",
            "POSTGRESQL|SELECT set_config('app.tenant', 'a', true)|SETTING app.tenant='a' (transaction)",
            "POSTGRESQL|SELECT set_config('app.tenant', current_user, false)|SETTING set_config",
            "POSTGRESQL|SELECT * FROM t|null",
            "MYSQL|SET NAMES utf8mb4 COLLATE utf8mb4_bin|SETTING names=utf8mb4 COLLATE utf8mb4_bin",
            "POSTGRESQL|SET TIME ZONE 'UTC'|SETTING time zone='UTC'",
            "MYSQL|SET time_zone = '+02:00'|SETTING time_zone='+02:00'",
            "MYSQL|SET @tenant = (SELECT id FROM tenants LIMIT 1)|SETTING @tenant",
            "MYSQL|SET sql_mode = CONCAT(@@sql_mode, ',ANSI')|SETTING sql_mode",
            "MYSQL|SET GLOBAL sql_mode = ''|null",
            "MYSQL|SET @@global.time_zone = '+00:00'|null",
            "POSTGRESQL|RESET ALL|RESET_SETTINGS",
            "POSTGRESQL|RESET search_path|SETTING search_path=DEFAULT",
            "POSTGRESQL|DISCARD ALL|DISCARD_ALL",
            "POSTGRESQL|DISCARD TEMP|DISCARD_TEMP",
            "POSTGRESQL|CREATE TEMP TABLE items (id int)|TEMP_TABLE items",
            "POSTGRESQL|CREATE TEMPORARY TABLE IF NOT EXISTS s.items AS SELECT 1|TEMP_TABLE items",
            "H2|CREATE LOCAL TEMPORARY TABLE items(id INT)|TEMP_TABLE items",
            "MYSQL|CREATE TEMPORARY TABLE `items` (id int)|TEMP_TABLE items",
            "POSTGRESQL|CREATE TABLE items (id int)|null",
            // PIT survivors of the second run: the forms and spellings no row had.
            "GENERIC|BEGIN ATOMIC|null",
            "POSTGRESQL|BEGIN ISOLATION LEVEL READ COMMITTED|BEGIN isolation=2",
            "MYSQL|SET TRANSACTION ISOLATION LEVEL SNAPSHOT|ISOLATION",
            "POSTGRESQL|DISCARD TEMPORARY|DISCARD_TEMP",
            "POSTGRESQL|DISCARD PLANS|null",
            "MYSQL|USE(|null",
            "MYSQL|SET(|null",
            "MYSQL|SET tx_read_only = 1|READ_ONLY true",
            "MYSQL|SET transaction_read_only = @ro|SETTING transaction_read_only",
            "POSTGRESQL|SET transaction_read_only = on|READ_ONLY true",
            "MYSQL|SET autocommit = \"OFF\"|AUTOCOMMIT false",
            "MYSQL|SET autocommit = 0 # off|AUTOCOMMIT false",
            "POSTGRESQL|SET search_path = a -- b|SETTING search_path=a",
            "POSTGRESQL|SET app.x = -1|SETTING app.x=-1",
            "POSTGRESQL|SET app.x = a-|SETTING app.x=a-",
            "POSTGRESQL|SET app.x = a/|SETTING app.x",
            "POSTGRESQL|SET /*/ x */ app.x = 1|SETTING app.x=1",
            "POSTGRESQL|SET app.x = 'it''s'|SETTING app.x='it''s'",
            "MYSQL|SET @a = concat(1, 2), sql_mode = ''|[SETTING @a, SETTING sql_mode='']",
            "MYSQL|SET @a = 'x,y', sql_mode = ''|[SETTING @a='x,y', SETTING sql_mode='']",
            "MYSQL|SET @a = 'x\\',y', sql_mode = ''|[SETTING @a='x\\',y', SETTING sql_mode='']",
            "POSTGRESQL|SET x|SETTING x",
            "POSTGRESQL|SET app.x = 'a\\' -- b'|SETTING app.x",
            "POSTGRESQL|SET app.x = '' -- c|SETTING app.x=''",
            "POSTGRESQL|SET app.x = 'a' -- c|SETTING app.x='a'",
    })
    void recognisesEveryForm(String dialect, String sql, String expected) {
        assertThat(recognised(dialect, sql)).isEqualTo(expected);
    }

    /** Whether a setting lasts for the session or only the transaction: dialect | SQL | scope. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "MYSQL|SET TRANSACTION ISOLATION LEVEL SERIALIZABLE|TRANSACTION",
            "MYSQL|SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE|SESSION",
            "POSTGRESQL|SET LOCAL TRANSACTION ISOLATION LEVEL SERIALIZABLE|TRANSACTION",
            "MYSQL|SET LOCAL TRANSACTION ISOLATION LEVEL SERIALIZABLE|SESSION",
            "POSTGRESQL|SET transaction_isolation = 'serializable'|TRANSACTION",
            "MYSQL|SET transaction_isolation = 'SERIALIZABLE'|SESSION",
            "POSTGRESQL|SET default_transaction_isolation = 'serializable'|SESSION",
            "POSTGRESQL|SET transaction_read_only = on|TRANSACTION",
            "MYSQL|SET transaction_read_only = 1|SESSION",
            "POSTGRESQL|SET LOCAL transaction_read_only = @x|TRANSACTION",
    })
    void theScopeOfASetting(String dialect, String sql, SessionCommand.Scope scope) {
        assertThat(SessionCommands.recognise(sql, HintLexer.scan(sql, Dialect.valueOf(dialect))).scope())
                .isEqualTo(scope);
    }

    @Test
    void lineCommentsEndAtTheEndOfTheLine() {
        assertThat(recognised("POSTGRESQL", "SET search_path -- which\n = a")).isEqualTo("SETTING search_path=a");
        assertThat(recognised("MYSQL", "SET autocommit # off?\n= 0")).isEqualTo("AUTOCOMMIT false");
        assertThat(recognised("MYSQL", "SET @a = 'it\\'s', autocommit = 0"))
                .isEqualTo("[SETTING @a='it\\'s', AUTOCOMMIT false]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RESET ALL; RESET ROLE|SETTING several statements",
            "UPDATE t SET a = 1; /* x */ SET search_path = b|SETTING several statements",
            "UPDATE t SET a = 1; SELECT set_config('a', 'b', false)|SETTING several statements",
            "UPDATE t SET a = 1; DELETE FROM u|null",
    })
    void aSessionChangeAmongSeveralStatementsIsNotFollowed(String sql, String expected) {
        SessionCommand c = SessionCommands.severalStatements(sql, HintLexer.scan(sql, Dialect.POSTGRESQL));
        assertThat(c == null ? "null" : c.toString()).isEqualTo(expected);
    }
}
