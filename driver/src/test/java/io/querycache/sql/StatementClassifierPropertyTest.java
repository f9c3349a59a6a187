package io.querycache.sql;

import io.querycache.sql.SqlAnalysis.Role;
import io.querycache.sql.SqlPieces.Written;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the statement classifier through {@link SqlAnalyzer} (docs/testing-generated.md):
 * every generated write, in every dialect, with generated table names (quoted, unquoted, schema-qualified),
 * comments between its tokens and with or without a hint, invalidates at least its tables; and no text,
 * garbage or truncated SQL included, makes the analysis throw.
 */
class StatementClassifierPropertyTest {

    /** A write form: where it exists, whether it writes its second table too, and its SQL template. */
    private static final class WriteForm {
        final String name;
        final Set<Dialect> dialects;
        final boolean writesSecond;
        final String template;

        WriteForm(String name, Set<Dialect> dialects, boolean writesSecond, String template) {
            this.name = name;
            this.dialects = dialects;
            this.writesSecond = writesSecond;
            this.template = template;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Set<Dialect> ALL = Set.of(Dialect.values());
    private static final Set<Dialect> MERGING = Set.of(Dialect.GENERIC, Dialect.H2, Dialect.POSTGRESQL,
            Dialect.SQLSERVER, Dialect.ORACLE);
    private static final Set<Dialect> MYSQL = Set.of(Dialect.MYSQL);
    private static final Set<Dialect> POSTGRES = Set.of(Dialect.POSTGRESQL, Dialect.GENERIC);

    /** In each template, T is the written table, U a second one, _ a gap (whitespace or a comment). */
    private static final List<WriteForm> FORMS = List.of(
            form("insert values", ALL, false, "INSERT_INTO_T_(a,_b)_VALUES_(1,_'x')"),
            form("insert select", ALL, false, "INSERT_INTO_T_(a)_SELECT_a_FROM_U_WHERE_b_=_2"),
            form("update", ALL, false, "UPDATE_T_SET_a_=_1,_b_=_'y'_WHERE_c_>_0"),
            form("update alias", ALL, false, "UPDATE_T_x_SET_a_=_x.b_WHERE_x.c_IN_(SELECT_c_FROM_U)"),
            form("delete", ALL, false, "DELETE_FROM_T_WHERE_a_=_?"),
            form("delete subquery", ALL, false, "DELETE_FROM_T_WHERE_a_IN_(SELECT_a_FROM_U)"),
            form("truncate", ALL, false, "TRUNCATE_TABLE_T"),
            form("drop", ALL, false, "DROP_TABLE_T"),
            form("alter", ALL, false, "ALTER_TABLE_T_ADD_COLUMN_c_INT"),
            form("create as", ALL, false, "CREATE_TABLE_T_AS_SELECT_*_FROM_U"),
            form("merge", MERGING, false,
                    "MERGE_INTO_T_USING_U_ON_(T.id_=_U.id)_WHEN_MATCHED_THEN_UPDATE_SET_a_=_1"),
            form("merge alias", MERGING, false, "MERGE_INTO_T_t_USING_U_s_ON_(t.id_=_s.id)"
                    + "_WHEN_NOT_MATCHED_THEN_INSERT_(id)_VALUES_(s.id)"),
            form("upsert on conflict", POSTGRES, false,
                    "INSERT_INTO_T_(a)_VALUES_(1)_ON_CONFLICT_(a)_DO_UPDATE_SET_a_=_2"),
            form("update from", POSTGRES, false, "UPDATE_T_SET_a_=_U.a_FROM_U_WHERE_T.id_=_U.id"),
            form("delete using", POSTGRES, false, "DELETE_FROM_T_USING_U_WHERE_T.id_=_U.id"),
            form("cte delete", POSTGRES, false, "WITH_d_AS_(DELETE_FROM_T_RETURNING_*)_SELECT_*_FROM_d"),
            form("cte insert", POSTGRES, true,
                    "WITH_n_AS_(INSERT_INTO_T_(a)_VALUES_(1)_RETURNING_a)_INSERT_INTO_U_SELECT_a_FROM_n"),
            form("replace", MYSQL, false, "REPLACE_INTO_T_(a)_VALUES_(1)"),
            form("on duplicate key", MYSQL, false, "INSERT_INTO_T_(a)_VALUES_(1)_ON_DUPLICATE_KEY_UPDATE_a_=_2"),
            form("update join", MYSQL, true, "UPDATE_T_a_JOIN_U_b_ON_a.id_=_b.id_SET_a.x_=_1,_b.y_=_2"),
            form("delete join", MYSQL, true, "DELETE_a,_b_FROM_T_a_JOIN_U_b_ON_a.id_=_b.id"),
            form("executable comment", MYSQL, false, "/*! UPDATE T SET a = 1 */"),
            form("two statements", ALL, true, "UPDATE_T_SET_a_=_1;_DELETE_FROM_U"));

    private static WriteForm form(String name, Set<Dialect> dialects, boolean writesSecond, String template) {
        return new WriteForm(name, dialects, writesSecond, template);
    }

    /**
     * A generated write invalidates at least the tables it writes (its hint keys too), or every table;
     * forms the parser reads name exactly their tables.
     */
    @Property(tries = 1500)
    void everyWriteInvalidatesItsTables(@ForAll("writes") Tuple3<Dialect, String, List<Written<String>>> c) {
        SqlAnalysis analysis = SqlAnalyzer.of(c.get1(), true).analyze(c.get2());
        Footprint invalidates = invalidated(analysis);
        Statistics.label("exact").collect(!invalidates.allTables());
        assertThat(analysis.hintError()).isNull();
        assertThat(analysis.role()).isIn(Role.WRITE, Role.MULTIPLE);
        for (Written<String> table : c.get3()) {
            // A hinted read of the table depends on what the write invalidates: reads and writes agree on names.
            SqlAnalysis read = SqlAnalyzer.of(c.get1(), true).analyze("/*cache:r*/ SELECT * FROM " + table.text);
            assertThat(read.dependsOn().overlaps(invalidates)).as("a read of %s", table).isTrue();
            if (!invalidates.allTables() && !table.text.contains(".")) {
                assertThat(invalidates.tableNames()).contains(table.expected);
            }
        }
        if (analysis.hint() != null) {
            assertThat(invalidates.keyNames()).containsAll(analysis.hint().keys());
        }
    }

    /** Garbage, generated SQL cut anywhere, and generated SQL in the wrong dialect: analysed, never thrown. */
    @Property(tries = 2500)
    void noTextMakesTheAnalysisThrow(@ForAll("anyText") Tuple2<Dialect, String> c) {
        HintLexer.scan(c.get2(), c.get1());
        SqlAnalysis analysis = SqlAnalyzer.of(c.get1(), true).analyze(c.get2());
        SqlAnalyzer.of(c.get1(), false).analyzeCall(c.get2());
        assertThat(analysis.hint() == null || analysis.hintError() == null).isTrue();
    }

    private static Footprint invalidated(SqlAnalysis analysis) {
        if (analysis.role() != Role.MULTIPLE) {
            return analysis.invalidates();
        }
        Footprint all = Footprint.NONE;
        for (SqlAnalysis part : analysis.parts()) {
            all = all.plus(part.invalidates());
        }
        return all;
    }

    @Provide
    Arbitrary<Tuple3<Dialect, String, List<Written<String>>>> writes() {
        return Arbitraries.of(Dialect.class).flatMap(d -> {
            List<WriteForm> forms = new ArrayList<>();
            for (WriteForm f : FORMS) {
                if (f.dialects.contains(d)) {
                    forms.add(f);
                }
            }
            Arbitrary<Written<String>> table = SqlPieces.tableName(d);
            return Combinators.combine(Arbitraries.of(forms), table, table, SqlPieces.gap(d).list().ofSize(40),
                    SqlPieces.hint().injectNull(0.5), Arbitraries.of("", ";", " ; ")).as((f, t, u, gaps, hint, end) -> {
                        String template = f.template;
                        StringBuilder sql = new StringBuilder(hint == null ? "" : hint.text + " ");
                        int g = 0;
                        for (int i = 0; i < template.length(); i++) {
                            char ch = template.charAt(i);
                            if (ch == '_') {
                                sql.append(gaps.get(g++ % gaps.size()));
                            } else if (ch == 'T' && isName(template, i)) {
                                sql.append(t.text);
                            } else if (ch == 'U' && isName(template, i)) {
                                sql.append(u.text);
                            } else {
                                sql.append(ch);
                            }
                        }
                        Set<Written<String>> written = new LinkedHashSet<>();
                        written.add(t);
                        if (f.writesSecond) {
                            written.add(u);
                        }
                        return Tuple.of(d, sql + end, new ArrayList<>(written));
                    });
        });
    }

    /** A T or U standing alone in a template (not inside a word such as UPDATE or TABLE). */
    private static boolean isName(String template, int i) {
        boolean before = i == 0 || !Character.isLetterOrDigit(template.charAt(i - 1));
        boolean after = i + 1 == template.length() || !Character.isLetterOrDigit(template.charAt(i + 1));
        return before && after;
    }

    @Provide
    Arbitrary<Tuple2<Dialect, String>> anyText() {
        Arbitrary<String> garbage = Arbitraries.strings().withChars("'\"`[]$/*-#;()!\\ \n\tEeq.,:=?@{}")
                .withCharRange('a', 'z').withChars('\u2003', '\u00e9', '\ud83d', '\ude00', '\u0000')
                .ofMaxLength(60);
        Arbitrary<String> words = Arbitraries.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "FROM",
                "INTO", "SET", "BEGIN", "END", "COMMIT", "ROLLBACK", "TO", "SAVEPOINT", "CALL", "DO", "EXPLAIN",
                "ANALYZE", "DROP", "SCHEMA", "TABLE", "CREATE", "TRIGGER", "(", ")", ";", "'", "\"", "$$", "/*",
                "*/", "--", "/*!", "*", ",", "t", "u.v", "?", "=", "1", "/*cache:k*/", "/*cache:", "E'", "q'[",
                "FOR", "UPDATE", "VALUES", "RETURNING", "USING", "JOIN", "ON", "AS", "TRANSACTION", "AUTOCOMMIT")
                .list().ofMaxSize(25).map(w -> String.join(" ", w));
        return Arbitraries.of(Dialect.class).flatMap(d -> {
            Arbitrary<String> truncated = Combinators.combine(writes().map(Tuple3::get2),
                    Arbitraries.doubles().between(0, 1)).as((sql, cut) -> sql.substring(0, (int) (sql.length() * cut)));
            Arbitrary<String> noise = SqlPieces.noise(Dialect.GENERIC).list().ofMaxSize(8).map(p -> String.join("", p));
            return Arbitraries.oneOf(garbage, words, truncated, noise).map(text -> Tuple.of(d, text));
        });
    }
}
