package io.querycache.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A text of several statements, split where the lexer found their ends and each classified on its own. A
 * split is trusted only when every part starts like a statement that holds no {@code ;} of its own: a
 * procedural body (CREATE FUNCTION/PROCEDURE/TRIGGER/EVENT, BEGIN ... END, IF ... END IF) may hold several,
 * and then the whole text is a write of unknown tables.
 */
final class MultipleStatements {

    private static final Set<String> WHOLE_STATEMENTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "INSERT",
            "UPDATE", "DELETE", "REPLACE", "MERGE", "UPSERT", "TRUNCATE", "SET", "SHOW", "USE", "EXPLAIN", "ANALYZE",
            "ANALYSE", "COMMIT", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "START", "END", "DROP", "GRANT",
            "REVOKE", "CALL", "EXEC", "EXECUTE", "LOCK", "UNLOCK", "VACUUM", "RESET", "DISCARD", "LISTEN",
            "UNLISTEN", "NOTIFY", "DESCRIBE", "DESC", "PREPARE", "DEALLOCATE", "COPY", "COMMENT", "RENAME",
            "CHECKPOINT");
    /** What may follow CREATE or ALTER in a statement without a body. */
    private static final Set<String> BODILESS_OBJECTS = Set.of("TABLE", "INDEX", "UNIQUE", "VIEW", "SCHEMA",
            "DATABASE", "SEQUENCE", "TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL", "LOCAL", "USER", "ROLE");
    private static final Set<String> TRANSACTION_BEGIN = Set.of("WORK", "TRANSACTION", "TRAN", "ISOLATION", "READ",
            "DEFERRABLE", "DEFERRED", "IMMEDIATE", "EXCLUSIVE");

    private MultipleStatements() {
    }

    static StatementInfo classify(String sql, SqlScan scan, boolean callable) {
        if (!scan.statementEndsCertain()) {
            return StatementInfo.write(Set.of(), false);
        }
        List<StatementInfo> parts = new ArrayList<>();
        int start = 0;
        int[] ends = scan.statementEnds();
        for (int k = 0; k <= ends.length; k++) {
            int end = k < ends.length ? ends[k] : sql.length();
            String text = sql.substring(start, end);
            start = end + 1;
            SqlScan part = HintLexer.scan(text, scan.dialect());
            if (part.firstKeyword() == null) {
                continue; // only whitespace or comments
            }
            if (!isWholeStatement(part.firstKeyword(), part.secondKeyword(), scan.dialect())) {
                return StatementInfo.write(Set.of(), false);
            }
            parts.add(StatementClassifier.classifyOne(text, part, callable));
        }
        return parts.size() == 1 ? parts.get(0) : StatementInfo.multiple(parts);
    }

    private static boolean isWholeStatement(String first, String second, Dialect dialect) {
        switch (first) {
            case "DO":
                // PostgreSQL's body is dollar-quoted, MySQL's DO evaluates expressions; elsewhere $$ may not quote.
                return dialect == Dialect.POSTGRESQL || dialect == Dialect.MYSQL;
            case "BEGIN":
                return second == null || TRANSACTION_BEGIN.contains(second);
            case "CREATE":
            case "ALTER":
                return second != null && BODILESS_OBJECTS.contains(second);
            default:
                return WHOLE_STATEMENTS.contains(first);
        }
    }
}
