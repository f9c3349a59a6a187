package io.querycache.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Generators of SQL fragments for the property tests, dialect by dialect: the lexical shapes that can hide a
 * hint-looking text (string literals, quoted identifiers, line comments, nested comments, dollar quotes, E''
 * strings, Oracle q'' quotes, MySQL executable comments), real hints, and table names.
 */
final class SqlPieces {

    /** Text that looks like a hint; inside anything but a real top-level block comment it is none. */
    static final String DECOY = "/*cache:decoy,60*/";

    private SqlPieces() {
    }

    /**
     * A piece as written in the SQL and what the code under test must make of it: a hint and the {@link Hint}
     * the lexer finds, or a table name and its normalised form (unqualified, unquoted, lower case).
     */
    static final class Written<T> {
        final String text;
        final T expected;

        Written(String text, T expected) {
            this.text = text;
            this.expected = expected;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    // ---- hints -------------------------------------------------------------------------------------------

    private static Arbitrary<String> ws() {
        return Arbitraries.of("", "", " ", "  ", "\t", "\n", " \n ", "\r\n", "\u2003", "\u3000", "\u000B");
    }

    /** A key that cannot be read as a TTL: it starts with a letter or an underscore. */
    static Arbitrary<String> key() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', '.', '$', '-').ofMaxLength(12);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    /** A TTL as written and its value in milliseconds ({@link Hint#NO_TTL} for inf). */
    private static Arbitrary<Object[]> ttl() {
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 50_000);
        Arbitrary<String> unit = Arbitraries.of("", "s", "m", "h", "d", "S", "M", "H", "D");
        Arbitrary<Object[]> numeric = Combinators.combine(amount, unit).as((a, u) -> {
            String lower = u.toLowerCase(Locale.ROOT);
            long factor = lower.isEmpty() || lower.equals("s") ? 1000 : lower.equals("m") ? 60_000
                    : lower.equals("h") ? 3_600_000 : 86_400_000;
            return new Object[] {a + u, a * factor};
        });
        return Arbitraries.oneOf(numeric, Arbitraries.of("inf", "INF", "Inf").map(s -> new Object[] {s, Hint.NO_TTL}));
    }

    static Arbitrary<Written<Hint>> hint() {
        Arbitrary<List<String>> keys = key().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Object[]> ttl = ttl().injectNull(0.4);
        Arbitrary<String> cache = Arbitraries.of("cache:", "CACHE:", "Cache:");
        return Combinators.combine(keys, ttl, cache, ws(), ws(), ws()).as((k, t, c, w1, w2, w3) -> {
            StringBuilder text = new StringBuilder("/*").append(w1).append(c).append(w2);
            for (int i = 0; i < k.size(); i++) {
                text.append(i == 0 ? "" : w2 + "," + w3).append(k.get(i));
            }
            long millis = Hint.NO_TTL;
            if (t != null) {
                text.append(w3).append(',').append(w2).append(t[0]);
                millis = (Long) t[1];
            }
            text.append(w3).append("*/");
            Set<String> distinct = new LinkedHashSet<>(k);
            return new Written<>(text.toString(), new Hint(new ArrayList<>(distinct), millis, text.toString()));
        });
    }

    /** Hints that are malformed: the lexer reports them, it never throws. */
    static Arbitrary<String> malformedHint() {
        return Combinators.combine(key(), Arbitraries.of("/*cache:*/", "/*cache: , */", "/*cache:%s,-1*/",
                "/*cache:%s,60O*/", "/*cache:%s,,%s*/", "/*cache:%s,0*/", "/*cache:%s,99999999999999999d*/",
                "/*cache:%s!*/", "/*cache:%s*/ /*cache:%s*/", "/*cache:123*/", "/*cache:%s,1x*/",
                "/*cache:%s,*/")).as((k, form) -> form.replace("%s", k));
    }

    // ---- pieces that are not hints ------------------------------------------------------------------------

    /** Text for inside quotes and comments: hint look-alikes, other quotes, comment marks. */
    private static Arbitrary<String> content() {
        return Arbitraries.of("a", "x y", " ", "\n", DECOY, "/*cache:k*/", "cache:k", "--", "*/", "/*", "'", "\"",
                "`", "$$", "$t$", "\\", ";", "é", "[", "]", "#", "E'", "q'[").list().ofMaxSize(6)
                .map(parts -> String.join("", parts));
    }

    /** A piece of SQL that holds no hint, in the dialect's lexical rules; hint look-alikes included. */
    static Arbitrary<String> noise(Dialect d) {
        List<Arbitrary<String>> kinds = new ArrayList<>();
        kinds.add(Arbitraries.of("SELECT", "a", "t1", "FROM", "WHERE", "1", "42", ",", "(", ")", "=", "*", "+",
                "x.y", "AND", "cache", ":", "/", "-"));
        kinds.add(content().map(c -> "'" + quoteContent(c, '\'', d.backslashEscapes) + "'"));
        kinds.add(content().map(c -> "\"" + quoteContent(c, '"', d.backslashEscapes) + "\""));
        kinds.add(content().map(c -> lineComment(d) + c.replace("\n", " ") + "\n"));
        kinds.add(content().map(c -> "/* " + blockBody(c, d) + " */"));
                if (d.nestedComments) {
            kinds.add(Combinators.combine(content(), content()).as(
                    (a, b) -> "/* " + blockBody(a, d) + " " + DECOY + " /* " + blockBody(b, d) + " */ */"));
        } else {
            // Without nesting, "/*" inside a comment opens nothing: the comment ends at the first "*/".
            kinds.add(content().map(c -> "/* x /*" + blockBody(c, d) + "/*cache:k*/"));
        }
        if (d.backticks) {
            kinds.add(content().map(c -> "`" + c.replace("`", "``") + "`"));
        }
        if (d.brackets) {
            kinds.add(content().map(c -> "[" + c.replace("]", "]]") + "]"));
        }
        if (d.hashComments) {
            kinds.add(content().map(c -> "# " + c.replace("\n", " ") + "\n"));
            // An executable comment: the server runs its text; a hint-looking text is not in it.
            kinds.add(Arbitraries.of("/*! SELECT 1 */", "/*!50001 SQL_NO_CACHE */", "/*M!100100 ,2 */",
                    "/*!40101 SET @x = 1 */", "/*!STRAIGHT_JOIN*/"));
        }
        if (d.dollarQuotes) {
            kinds.add(content().map(c -> "$$" + c.replace("$$", "") + "$$"));
            kinds.add(content().map(c -> "$body$" + c.replace("$body$", "") + "$body$"));
        }
        if (d == Dialect.POSTGRESQL || d == Dialect.GENERIC) {
            kinds.add(content().map(c -> "E'" + quoteContent(c, '\'', true) + "'"));
        }
        if (d == Dialect.ORACLE || d == Dialect.GENERIC) {
            kinds.add(content().map(c -> "q'[" + c.replace("]'", "] '") + "]'"));
        }
        return Arbitraries.oneOf(kinds);
    }

    private static String lineComment(Dialect d) {
        return d.hashComments ? "-- " : "--";
    }

    /** The body of a plain block comment: never closes early, never opens a nested one, is no hint. */
    private static String blockBody(String c, Dialect d) {
        String body = c.replace("*/", "* /");
        if (d.nestedComments) {
            body = body.replace("/*", "/ *");
        }
        // A body starting with "cache:" is a hint; anything else is a plain comment.
        // Spaces on both sides, so that the body and the comment marks around it never form "/*" or "*/".
        return " " + (body.trim().toLowerCase(Locale.ROOT).startsWith("cache:") ? "note " + body : body) + " ";
    }

    /** Escapes the quote character by doubling, and backslashes where the dialect reads them as escapes. */
    static String quoteContent(String c, char quote, boolean backslashEscapes) {
        String s = backslashEscapes ? c.replace("\\", "\\\\") : c;
        return s.replace(String.valueOf(quote), String.valueOf(quote) + quote);
    }

    // ---- table names -------------------------------------------------------------------------------------

    private static final Set<String> RESERVED = new java.util.HashSet<>(java.util.Arrays.asList("as", "at", "by", "do", "if", "in", "is", "of", "on", "or",
            "to", "all", "and", "any", "asc", "end", "for", "key", "not", "set", "top", "use", "desc", "from", "full",
            "into", "join", "left", "like", "null", "only", "over", "some", "then", "true", "user", "when", "with",
            "false", "inner", "limit", "order", "outer", "right", "table", "union", "using", "where", "value",
            "values", "select", "delete", "insert", "update", "merge", "cross", "group", "fetch", "having", "column",
            "natural", "offset", "returning", "window", "check", "default", "drop", "primary", "unique", "case",
            "else", "cast", "row", "rows", "first", "next", "minus", "except", "level", "date", "time", "uid",
            "rowid", "rownum", "sysdate", "current", "escape", "between", "exists", "distinct", "lateral", "qualify",
            "intersect", "interval", "regexp", "rlike", "div", "mod", "xor", "ignore", "low_priority", "quick",
            "partition", "straight_join", "sql", "cascade", "restrict", "temporary", "temp", "index", "view",
            "create", "alter", "truncate", "grant", "revoke", "column", "add", "after", "before", "nulls", "no",
            "go", "exec", "call", "start", "begin", "commit", "rollback", "savepoint", "release", "lock", "unlock",
            "connect", "prior", "start", "sample", "array", "open", "close", "filter", "within", "share", "mode"));

    private static Arbitrary<String> bareIdentifier() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_')
                .ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(first, rest).as((f, r) -> f + r)
                .filter(n -> !RESERVED.contains(n.toLowerCase(Locale.ROOT)));
    }

    private static char[] quotes(Dialect d) {
        switch (d) {
            case MYSQL:
                return new char[] {'`', ']'};
            case SQLSERVER:
                return new char[] {'[', '"'};
            default:
                return new char[] {'"', '"'};
        }
    }

    /** A quoted identifier: mixed case, spaces, dashes and dots, which only quotes allow. */
    private static Arbitrary<String[]> quotedIdentifier(Dialect d) {
        char open = quotes(d)[0];
        char close = open == '[' ? ']' : open;
        Arbitrary<String> raw = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', ' ', '-', '.').ofMinLength(1).ofMaxLength(10)
                .filter(s -> Character.isLetter(s.charAt(0)) && !s.endsWith(" ") && !s.contains("  "));
        return raw.map(r -> new String[] {open + r + close, r});
    }

    static Arbitrary<Written<String>> tableName(Dialect d) {
        Arbitrary<String[]> bare = bareIdentifier().map(n -> new String[] {n, n});
        Arbitrary<String[]> name = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, bare), net.jqwik.api.Tuple.of(2, quotedIdentifier(d)));
        Arbitrary<String> schema = Arbitraries.oneOf(bareIdentifier(), quotedIdentifier(d).map(q -> q[0]))
                .injectNull(0.6);
        return Combinators.combine(schema, name).as((s, n) -> new Written<>(
                s == null ? n[0] : s + "." + n[0], n[1].toLowerCase(Locale.ROOT)));
    }

    /** Comments and whitespace the parser must see through, placed between tokens. */
    static Arbitrary<String> gap(Dialect d) {
        List<Arbitrary<String>> kinds = new ArrayList<>();
        kinds.add(Arbitraries.of(" ", " ", " ", "\n", "\t", "  "));
        kinds.add(content().map(c -> " /* " + blockBody(c, d) + " */ "));
        kinds.add(content().map(c -> " " + lineComment(d) + c.replace("\n", " ") + "\n"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, kinds.get(0)), net.jqwik.api.Tuple.of(1, kinds.get(1)),
                net.jqwik.api.Tuple.of(1, kinds.get(2)));
    }
}
