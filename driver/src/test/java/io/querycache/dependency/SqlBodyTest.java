package io.querycache.dependency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlBodyTest {

    @Test
    void plpgsqlTriggerWrites() {
        SqlBody b = SqlBody.postgres("\nBEGIN\n"
                + "  IF TG_OP = 'DELETE' THEN DELETE FROM public.\"Order_Totals\" WHERE id = OLD.id; RETURN OLD; END IF;\n"
                + "  INSERT INTO audit_log(id, op, at) VALUES (NEW.id, TG_OP, now());\n"
                + "  UPDATE stats s SET n = n + 1 FROM other o WHERE o.id = s.id;\n"
                + "  -- UPDATE commented SET x = 1\n"
                + "  /* DELETE FROM hidden /* nested */ still comment */\n"
                + "  PERFORM 1 FROM lock_me FOR UPDATE;\n"
                + "  RETURN NEW;\nEND;\n");
        assertThat(b.writes()).containsExactlyInAnyOrder("order_totals", "audit_log", "stats", "s");
        assertThat(b.calls()).contains("now").doesNotContain("audit_log");
        assertThat(b.writesUnknown()).isTrue(); // PERFORM
        assertThat(b.unknownBecause()).contains("PERFORM");
    }

    @Test
    void readOnlyClausesAreNotWrites() {
        SqlBody b = SqlBody.postgres("BEGIN SELECT * INTO r FROM t FOR NO KEY UPDATE; "
                + "INSERT INTO u VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 2; "
                + "MERGE INTO m USING src ON m.id = src.id WHEN MATCHED THEN UPDATE SET v = 1 "
                + "WHEN MATCHED AND src.gone THEN DELETE WHEN NOT MATCHED THEN INSERT (id) VALUES (src.id); END");
        assertThat(b.writes()).containsExactlyInAnyOrder("u", "m");
        assertThat(b.writesUnknown()).isFalse();
    }

    @Test
    void dynamicSqlIsUnknown() {
        assertThat(SqlBody.postgres("BEGIN EXECUTE format('DELETE FROM %I', TG_ARGV[0]); END").writesUnknown()).isTrue();
        assertThat(SqlBody.postgres("BEGIN EXECUTE $q$DELETE FROM x$q$; END").writes()).isEmpty();
        assertThat(SqlBody.postgres("BEGIN RETURN 'unterminated; END").writesUnknown()).isTrue();
        assertThat(SqlBody.mariadb("BEGIN PREPARE s FROM @q; EXECUTE s; END").writesUnknown()).isTrue();
        assertThat(SqlBody.postgres("TRUNCATE a, b CASCADE").writesUnknown()).isTrue();
    }

    @Test
    void stringsDoNotHideCode() {
        SqlBody pg = SqlBody.postgres("BEGIN RAISE NOTICE 'a\\'; INSERT INTO after_backslash VALUES (1); END");
        assertThat(pg.writes()).containsExactly("after_backslash");
        SqlBody escaped = SqlBody.postgres("BEGIN x := E'a\\' still'; INSERT INTO t2 VALUES (1); END");
        assertThat(escaped.writes()).containsExactly("t2");
        SqlBody maria = SqlBody.mariadb("BEGIN SET @a = 'it\\'s'; INSERT INTO t3 VALUES (1); END");
        assertThat(maria.writes()).containsExactly("t3");
    }

    @Test
    void mariadbTriggerWrites() {
        SqlBody b = SqlBody.mariadb("BEGIN\n  INSERT IGNORE `audit` SET id = NEW.id;\n"
                + "  REPLACE INTO test.totals VALUES (REPLACE(NEW.name, 'a', 'b'));\n"
                + "  UPDATE LOW_PRIORITY t1 JOIN t2 ON t1.id = t2.id SET t2.n = 1;\n"
                + "  DELETE t4 FROM t4 JOIN t5 USING (id) WHERE t4.x = 1;\n"
                + "  # DELETE FROM hidden\n"
                + "  CALL log_it(NEW.id);\n"
                + "  INSERT INTO counters VALUES (1) ON DUPLICATE KEY UPDATE n = n + 1;\nEND");
        assertThat(b.writes()).contains("audit", "totals", "t1", "t2", "t4", "t5", "counters")
                .doesNotContain("hidden", "n");
        assertThat(b.calls()).contains("log_it", "replace");
        assertThat(b.writesUnknown()).isFalse();
    }

    @Test
    void executableCommentsAreCode() {
        assertThat(SqlBody.mariadb("BEGIN /*!50001 DELETE FROM hidden_in_comment */; END").writes())
                .containsExactly("hidden_in_comment");
    }

    @Test
    void viewDefinitionNames() {
        SqlBody v = SqlBody.mariadb("select `test`.`t`.`id` AS `id`,`price_of`(`test`.`t`.`id`) AS `p` "
                + "from (`test`.`t` join `test`.`u`)");
        assertThat(v.names()).contains("t", "u", "id", "price_of");
        assertThat(v.calls()).contains("price_of");
    }
}
