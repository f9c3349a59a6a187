package io.querycache.dependency;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.querycache.dependency.SqlTokens.Token;

/**
 * A conservative reading of SQL the database runs on its own (a trigger or routine body, a view definition):
 * the tables its INSERT, UPDATE, DELETE, MERGE, REPLACE and TRUNCATE statements write, the names it calls as
 * functions, and every name it mentions. Anything it cannot bound (dynamic SQL, PERFORM, DDL, COPY, text it
 * cannot lex) makes {@link #writesUnknown()} true. Whether a called name is a user routine is for the catalog.
 */
final class SqlBody {

    /** Statements whose effect cannot be read from the text. */
    private static final Set<String> UNBOUNDED = Set.of("execute", "exec", "perform", "prepare", "copy", "create",
            "drop", "alter", "load", "rename", "refresh");

    /** Words that are not table names where names are collected (UPDATE ... SET, DELETE ... WHERE). */
    private static final Set<String> NOT_NAMES = Set.of("only", "low_priority", "ignore", "quick", "delayed",
            "high_priority", "into", "from", "using", "join", "inner", "left", "right", "full", "outer", "cross",
            "natural", "straight_join", "on", "as", "and", "or", "not", "table", "restart", "continue", "identity",
            "lateral");

    private final Set<String> writes = new LinkedHashSet<>();
    private final Set<String> calls = new LinkedHashSet<>();
    private final Set<String> names = new LinkedHashSet<>();
    private String unknownBecause;

    private SqlBody() {
    }

    static SqlBody postgres(String text) {
        return read(SqlTokens.postgres(text));
    }

    static SqlBody mariadb(String text) {
        return read(SqlTokens.mariadb(text));
    }

    private static SqlBody read(SqlTokens lexed) {
        SqlBody body = new SqlBody();
        if (lexed.unterminated) {
            body.unknownBecause = "an unterminated literal or comment";
        }
        body.scan(lexed.tokens);
        return body;
    }

    Set<String> writes() {
        return writes;
    }

    /** Names followed by "(" that are not write targets: functions, possibly user routines. */
    Set<String> calls() {
        return calls;
    }

    /** Every identifier it mentions (for view definitions: a superset of the names it reads). */
    Set<String> names() {
        return names;
    }

    boolean writesUnknown() {
        return unknownBecause != null;
    }

    /** Why the writes are unknown, or null. */
    String unknownBecause() {
        return unknownBecause;
    }

    private void unknown(String why) {
        if (unknownBecause == null) {
            unknownBecause = why;
        }
    }

    private void scan(List<Token> t) {
        Set<Integer> targets = new java.util.HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (!token.isName()) {
                continue;
            }
            names.add(token.text);
            if (token.kind != SqlTokens.Kind.WORD) {
                continue;
            }
            String previous = i > 0 && t.get(i - 1).kind == SqlTokens.Kind.WORD ? t.get(i - 1).text : "";
            switch (token.text) {
                case "insert":
                    target(t, skip(t, i + 1, "low_priority", "delayed", "high_priority", "ignore", "into"),
                            "INSERT", previous, targets);
                    break;
                case "replace":
                    if (i + 1 < t.size() && !t.get(i + 1).isSymbol('(')) {
                        target(t, skip(t, i + 1, "low_priority", "delayed", "into"), "REPLACE", previous, targets);
                    }
                    break;
                case "merge":
                    if (i + 1 < t.size() && t.get(i + 1).is("into")) {
                        target(t, i + 2, "MERGE", "", targets);
                    }
                    break;
                case "update":
                    // not FOR [NO KEY] UPDATE, ON DUPLICATE KEY UPDATE, ON UPDATE, nor MERGE's / ON CONFLICT's UPDATE SET
                    if (!followsClause(previous) && !next(t, i, "set")) {
                        collectUntil(t, i + 1, "set", "UPDATE", targets);
                    }
                    break;
                case "delete":
                    // not ON DELETE, nor MERGE's THEN DELETE
                    if (!followsClause(previous) && i + 1 < t.size() && t.get(i + 1).isName() && !next(t, i, "when")) {
                        collectUntil(t, i + 1, null, "DELETE", targets);
                    }
                    break;
                case "truncate":
                    collectUntil(t, i + 1, null, "TRUNCATE", targets);
                    break;
                case "call":
                    if (i + 1 < t.size() && t.get(i + 1).isName()) {
                        int end = qualifiedNameEnd(t, i + 1);
                        calls.add(t.get(end).text);
                        targets.add(end);
                    }
                    break;
                case "do":
                    if (i + 1 < t.size() && t.get(i + 1).kind == SqlTokens.Kind.LITERAL) {
                        unknown("a DO block");
                    }
                    break;
                default:
                    if (UNBOUNDED.contains(token.text) && !followsClause(previous)) {
                        unknown(token.text.toUpperCase(java.util.Locale.ROOT) + " in the body");
                    }
            }
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isName() && t.get(i + 1).isSymbol('(') && !targets.contains(i)) {
                calls.add(t.get(i).text);
            }
        }
    }

    /** UPDATE and DELETE after these words are clauses, not statements (FOR UPDATE, ON CONFLICT DO UPDATE, ...). */
    private static boolean followsClause(String previous) {
        switch (previous) {
            case "for": case "key": case "on": case "of": case "or": case "before": case "after":
                return true;
            default:
                return false;
        }
    }

    private static boolean next(List<Token> t, int i, String word) {
        return i + 1 < t.size() && t.get(i + 1).is(word);
    }

    private static int skip(List<Token> t, int i, String... words) {
        while (i < t.size() && List.of(words).contains(t.get(i).text) && t.get(i).kind == SqlTokens.Kind.WORD) {
            i++;
        }
        return i;
    }

    /** The write target at i (a possibly qualified name); anything else there means the write is not understood. */
    private void target(List<Token> t, int i, String statement, String previous, Set<Integer> targets) {
        if (statement.equals("INSERT") && previous.equals("then") && i < t.size()
                && (t.get(i).isSymbol('(') || t.get(i).is("values") || t.get(i).is("default"))) {
            return; // MERGE ... WHEN NOT MATCHED THEN INSERT (...) VALUES: the MERGE's target
        }
        if (i >= t.size() || !t.get(i).isName()) {
            unknown(statement + " without a table name the reader understands");
            return;
        }
        int end = qualifiedNameEnd(t, i);
        writes.add(t.get(end).text);
        targets.add(end);
    }

    /**
     * Every name from i up to the stop word (or WHERE, RETURNING, ";" or the end), conservatively: aliases and
     * joined tables of a multi-table UPDATE/DELETE are included. Without the stop word where one is required
     * (UPDATE ... SET), the statement was not understood.
     */
    private void collectUntil(List<Token> t, int i, String requiredStop, String statement, Set<Integer> targets) {
        int depth = 0;
        for (; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                if (--depth < 0) {
                    break;
                }
            } else if (depth == 0 && (token.isSymbol(';') || token.is("where") || token.is("returning")
                    || token.is("order") || token.is("limit") || (requiredStop != null && token.is(requiredStop)))) {
                if (requiredStop != null && token.is(requiredStop)) {
                    return;
                }
                break;
            } else if (depth == 0 && token.is("cascade") && statement.equals("TRUNCATE")) {
                unknown("TRUNCATE ... CASCADE in the body");
            } else if (depth == 0 && token.isName() && !(token.kind == SqlTokens.Kind.WORD
                    && NOT_NAMES.contains(token.text))) {
                int end = qualifiedNameEnd(t, i);
                writes.add(t.get(end).text);
                targets.add(end);
                i = end;
            }
        }
        if (requiredStop != null) {
            unknown(statement + " without " + requiredStop.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The index of the last part of a dotted name starting at i. */
    private static int qualifiedNameEnd(List<Token> t, int i) {
        while (i + 2 < t.size() && t.get(i + 1).isSymbol('.') && t.get(i + 2).isName()) {
            i += 2;
        }
        return i;
    }
}
