package io.querycache.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the cache hint of a SQL text in one pass that knows the dialect's string literals, quoted
 * identifiers and comments, so that only a real block comment can be a hint. It also notes the first two
 * keywords and whether more than one statement follows, for cheap classification.
 *
 * <p>Grammar (SPEC section 2):
 * <pre>
 * hint := "/*" ws* "cache:" ws* key (ws* "," ws* key)* [ws* "," ws* ttl] ws* "*&#47;"
 * key  := [A-Za-z0-9_.$-]+ , not all digits          (case-sensitive)
 * ttl  := digits [ "s" | "m" | "h" | "d" ]  |  "inf"   (default unit: seconds)
 * </pre>
 * A block comment is a hint when its body, after whitespace, starts with {@code cache:} in any case.
 * With two or more elements, a last element that starts with a digit (or with {@code -}/{@code +} and a
 * digit) or is {@code inf} is the TTL and must be valid: so {@code 60O} and {@code -1} there are malformed
 * TTLs, and a key that starts with a digit can stand last only with a TTL after it. A TTL is positive.
 *
 * <p>Never throws: unterminated strings and comments simply end the scan.
 */
final class HintLexer {

    private HintLexer() {
    }

    public static SqlScan scan(String sql, Dialect dialect) {
        String first = null;
        String second = null;
        int firstStart = -1;
        Hint hint = null;
        String error = null;
        String firstHintText = null;
        boolean afterSemicolon = false;
        boolean multiple = false;
        Calls calls = new Calls();
        StatementEnds ends = new StatementEnds();
        int depth = 0;
        char[] executed = null; // the text with executable-comment markers blanked, once one is seen
        boolean inExecutable = false;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : 0;
            if (inExecutable && c == '*' && next == '/') {
                executed[i] = ' ';
                executed[i + 1] = ' ';
                inExecutable = false;
                i += 2;
            } else if (c == '-' && next == '-' || c == '#' && dialect.hashComments) {
                i = endOfLine(sql, i);
            } else if (c == '/' && next == '*') {
                int contentStart = dialect == Dialect.MYSQL && !inExecutable ? executableContentStart(sql, i) : -1;
                if (contentStart > 0) {
                    if (executed == null) {
                        executed = sql.toCharArray();
                    }
                    Arrays.fill(executed, i, contentStart, ' ');
                    inExecutable = true;
                    i = contentStart; // no calls.other(): for MySQL the markers are not there (f/*! (1) */ calls f)
                    continue;
                }
                int end = endOfBlockComment(sql, i, dialect.nestedComments);
                if (end > 0) {
                    String text = sql.substring(i, end);
                    if (!inExecutable && isHintCandidate(sql, i + 2, end - 2)) {
                        if (firstHintText != null) {
                            if (error == null) {
                                error = malformed(text, "a statement can carry only one hint, and " + firstHintText
                                        + " came first");
                            }
                            hint = null;
                        } else {
                            firstHintText = text;
                            Object parsed = parse(text, sql.substring(i + 2, end - 2));
                            if (parsed instanceof Hint) {
                                hint = (Hint) parsed;
                            } else {
                                error = (String) parsed;
                            }
                        }
                    }
                    i = end;
                } else {
                    i = n;
                }
            } else if (c == '\'') {
                calls.other();
                i = endOfQuoted(sql, i, '\'', dialect.backslashEscapes);
            } else if (c == '"') {
                i = calls.quotedIdentifier(sql, i, endOfQuoted(sql, i, '"', dialect.backslashEscapes));
            } else if (c == '`' && dialect.backticks) {
                i = calls.quotedIdentifier(sql, i, endOfQuoted(sql, i, '`', false));
            } else if (c == '[' && dialect.brackets) {
                i = calls.quotedIdentifier(sql, i, endOfQuoted(sql, i, ']', false));
            } else if (c == '$' && dialect.dollarQuotes && dollarTagEnd(sql, i) > 0) {
                calls.other();
                i = endOfDollarQuoted(sql, i);
            } else if (c == ';') {
                ends.add(i, depth == 0 && !inExecutable);
                calls.other();
                afterSemicolon = true;
                i++;
            } else if (isWordStart(c)) {
                if ((c == 'E' || c == 'e') && next == '\''
                        && (dialect == Dialect.POSTGRESQL || dialect == Dialect.GENERIC)) {
                    calls.other();
                    i = endOfQuoted(sql, i + 1, '\'', true);
                } else if ((c == 'q' || c == 'Q') && next == '\'' && i + 2 < n
                        && (dialect == Dialect.ORACLE || dialect == Dialect.GENERIC)) {
                    calls.other();
                    i = endOfOracleQuoted(sql, i + 2);
                } else {
                    int end = i + 1;
                    while (end < n && isWordPart(sql.charAt(end))) {
                        end++;
                    }
                    if (afterSemicolon) {
                        multiple = true;
                    } else if (first == null) {
                        first = sql.substring(i, end).toUpperCase(Locale.ROOT);
                        firstStart = i;
                    } else if (second == null) {
                        second = sql.substring(i, end).toUpperCase(Locale.ROOT);
                    }
                    calls.word(i, end);
                    i = end;
                }
            } else {
                if (afterSemicolon && !Character.isWhitespace(c)) {
                    multiple = true;
                }
                if (c == '(') {
                    calls.openParenthesis(sql);
                    depth++;
                } else if (c == ')') {
                    depth--;
                    calls.other();
                } else if (c == '.') {
                    calls.dot();
                } else if (!Character.isWhitespace(c)) {
                    calls.other();
                }
                i++;
            }
        }
        if (first != null && CALLING_STATEMENTS.contains(first)) {
            calls.mayCall = true;
        }
        return new SqlScan(error == null ? hint : null, error, first, second, multiple, dialect, firstStart,
                calls.mayCall, calls.names == null ? Set.of() : calls.names, ends.toArray(), ends.certain,
                executed == null ? null : new String(executed));
    }

    /** Statements that call a routine without parentheses: {@code CALL p}, {@code EXEC p}, {@code DO $$...$$}. */
    private static final Set<String> CALLING_STATEMENTS = Set.of("CALL", "EXEC", "EXECUTE", "DO");

    /** Where the SQL inside a MySQL executable comment ({@code /*!}, {@code /*!50001}, {@code /*M!100100}) starts, or -1. */
    private static int executableContentStart(String sql, int commentStart) {
        int i = commentStart + 2;
        int n = sql.length();
        if (i < n && (sql.charAt(i) == 'M' || sql.charAt(i) == 'm') && i + 1 < n && sql.charAt(i + 1) == '!') {
            i++;
        }
        if (i >= n || sql.charAt(i) != '!') {
            return -1;
        }
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Finds names written as calls: an identifier followed by {@code (} (comments and whitespace may come
     * between) that is neither a keyword taking parentheses nor a built-in function.
     */
    private static final class Calls {
        boolean mayCall;
        Set<String> names;
        private int wordStart = -1;
        private int wordEnd;
        private boolean afterDot;
        private boolean wordQualified;
        private String quotedName;

        void word(int start, int end) {
            wordStart = start;
            wordEnd = end;
            wordQualified = afterDot;
            afterDot = false;
            quotedName = null;
        }

        int quotedIdentifier(String sql, int start, int end) {
            wordStart = -1;
            afterDot = false;
            quotedName = sql.substring(start, end);
            return end;
        }

        void dot() {
            wordStart = -1;
            quotedName = null;
            afterDot = true;
        }

        void other() {
            wordStart = -1;
            quotedName = null;
            afterDot = false;
        }

        void openParenthesis(String sql) {
            if (wordStart >= 0) {
                String name = sql.substring(wordStart, wordEnd).toLowerCase(Locale.ROOT);
                if (wordQualified || !PARENTHESIS_KEYWORDS.contains(name) && !BuiltinFunctions.contains(name)) {
                    add(name);
                }
            } else if (quotedName != null) {
                add(io.querycache.sql.Footprint.normaliseTable(quotedName));
            }
            other();
        }

        private void add(String name) {
            mayCall = true;
            if (names == null) {
                names = new LinkedHashSet<>();
            }
            names.add(name);
        }
    }

    /** The {@code ;} that end statements; uncertain when one stands inside parentheses or an executable comment. */
    private static final class StatementEnds {
        private int[] ends = new int[0];
        private int count;
        boolean certain = true;

        void add(int index, boolean topLevel) {
            if (!topLevel) {
                certain = false;
                return;
            }
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, Math.max(4, count * 2));
            }
            ends[count++] = index;
        }

        int[] toArray() {
            return Arrays.copyOf(ends, count);
        }
    }

    /** Keywords (and type names) that are followed by parentheses without being function calls. */
    private static final Set<String> PARENTHESIS_KEYWORDS = Set.copyOf(Arrays.asList(("in exists values value any all some over"
            + " filter within as using on join from lateral array row cast table where and or not select into key"
            + " by having when then else case end between like ilike is distinct union except intersect minus"
            + " returning set limit offset fetch top with recursive materialized check unique primary foreign"
            + " index default constraint partition tablesample bernoulli system grouping sets rollup cube window"
            + " rows range groups preceding following escape collate zone interval for of order group update"
            + " delete merge matched conflict do nothing duplicate ignore force use straight_join cross apply"
            + " outer inner full natural only ordinality pivot unpivot xmltable columns path nested option"
            + " separator multiset returns return generated stored identity qualify share mode fulltext spatial"
            + " varchar char character varying nchar nvarchar numeric decimal dec float real double precision"
            + " int integer bigint smallint tinyint mediumint bit binary varbinary datetime datetime2 text blob"
            + " enum varchar2 number raw timestamptz timetz json jsonb vector geometry uuid"
            + " explain analyze analyse verbose lock tables references call exec execute if elseif while"
            + " repeat loop signal").split(" ")));

    // ---- lexical pieces ------------------------------------------------------------------------------

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int endOfLine(String sql, int i) {
        int nl = sql.indexOf('\n', i);
        return nl < 0 ? sql.length() : nl + 1;
    }

    /** The index after the comment's closing, or -1 when it is not closed. */
    private static int endOfBlockComment(String sql, int start, boolean nested) {
        int depth = 1;
        int i = start + 2;
        int n = sql.length();
        while (i < n - 1) {
            char c = sql.charAt(i);
            char next = sql.charAt(i + 1);
            if (c == '*' && next == '/') {
                if (--depth == 0) {
                    return i + 2;
                }
                i += 2;
            } else if (nested && c == '/' && next == '*') {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The index after the closing quote (a doubled quote is an escaped one), or the end of the text. */
    private static int endOfQuoted(String sql, int start, char close, boolean backslashEscapes) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == close) {
                if (i + 1 < n && sql.charAt(i + 1) == close) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The index after a PostgreSQL tag such as {@code $$} or {@code $body$} at {@code i}, or -1. */
    private static int dollarTagEnd(String sql, int i) {
        if (i > 0 && isWordPart(sql.charAt(i - 1))) {
            return -1; // part of an identifier such as a$b
        }
        int n = sql.length();
        int j = i + 1;
        if (j < n && sql.charAt(j) == '$') {
            return j + 1;
        }
        if (j >= n || !(Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            return -1;
        }
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < n && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static int endOfDollarQuoted(String sql, int start) {
        int tagEnd = dollarTagEnd(sql, start);
        String tag = sql.substring(start, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        return close < 0 ? sql.length() : close + tag.length();
    }

    /** Oracle's q'[...]' with any delimiter; {@code start} is the delimiter's index. */
    private static int endOfOracleQuoted(String sql, int start) {
        char open = sql.charAt(start);
        char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
        int i = start + 1;
        int n = sql.length();
        while (i < n - 1) {
            if (sql.charAt(i) == close && sql.charAt(i + 1) == '\'') {
                return i + 2;
            }
            i++;
        }
        return n;
    }

    // ---- the hint ------------------------------------------------------------------------------------

    private static boolean isHintCandidate(String sql, int bodyStart, int bodyEnd) {
        int i = bodyStart;
        while (i < bodyEnd && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return bodyEnd - i >= 6 && sql.regionMatches(true, i, "cache:", 0, 6);
    }

    /** A {@link Hint}, or the error message. */
    private static Object parse(String text, String body) {
        // strip(), not trim(): whitespace is what isHintCandidate skipped (Character.isWhitespace), so an em space
        // or an ideographic space before "cache:" or around a key is whitespace too.
        String rest = body.strip().substring(6);
        if (rest.isBlank()) {
            return malformed(text, "it names no key");
        }
        String[] raw = rest.split(",", -1);
        List<String> elements = new ArrayList<>(raw.length);
        for (String element : raw) {
            String e = element.strip();
            if (e.isEmpty()) {
                return malformed(text, "it has an empty element (two commas, or a comma at an end)");
            }
            elements.add(e);
        }
        long ttl = Hint.NO_TTL;
        int keyCount = elements.size();
        String last = elements.get(keyCount - 1);
        if (keyCount >= 2 && looksLikeTtl(last)) {
            Object parsed = ttlMillis(text, last);
            if (parsed instanceof String) {
                return parsed;
            }
            ttl = (Long) parsed;
            keyCount--;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (int k = 0; k < keyCount; k++) {
            String key = elements.get(k);
            for (int c = 0; c < key.length(); c++) {
                char ch = key.charAt(c);
                if (!(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
                        || ch == '_' || ch == '.' || ch == '$' || ch == '-')) {
                    return malformed(text, "key \"" + key + "\" has the character '" + ch
                            + "'; a key is made of A-Z a-z 0-9 _ . $ -");
                }
            }
            if (allDigits(key)) {
                return malformed(text, keyCount == 1 && elements.size() == 1
                        ? "it names no key: \"" + key + "\" is all digits, and a TTL must follow a key"
                        : "key \"" + key + "\" is all digits; keys must not be, and a TTL must come last");
            }
            keys.add(key);
        }
        return new Hint(new ArrayList<>(keys), ttl, text);
    }

    private static boolean looksLikeTtl(String e) {
        char c = e.charAt(0);
        return Character.isDigit(c) || (c == '-' || c == '+') && e.length() > 1 && Character.isDigit(e.charAt(1))
                || e.equalsIgnoreCase("inf");
    }

    private static Object ttlMillis(String text, String ttl) {
        if (ttl.equalsIgnoreCase("inf")) {
            return Hint.NO_TTL;
        }
        String digits = ttl;
        long unit = 1000;
        char last = Character.toLowerCase(ttl.charAt(ttl.length() - 1));
        if (last == 's' || last == 'm' || last == 'h' || last == 'd') {
            digits = ttl.substring(0, ttl.length() - 1);
            unit = last == 's' ? 1000 : last == 'm' ? 60_000 : last == 'h' ? 3_600_000 : 86_400_000;
        }
        if (digits.isEmpty() || !allDigits(digits)) {
            return malformed(text, "TTL \"" + ttl + "\" is not a number followed by an optional unit s, m, h or d,"
                    + " nor \"inf\"");
        }
        if (digits.length() > 15 || Long.parseLong(digits) > Hint.MAX_TTL_MILLIS / unit) {
            return malformed(text, "TTL \"" + ttl + "\" is too large: the maximum is "
                    + Hint.MAX_TTL_MILLIS / 86_400_000L + "d; use \"inf\" for no expiry");
        }
        long millis = Long.parseLong(digits) * unit;
        if (millis <= 0) {
            return malformed(text, "TTL \"" + ttl + "\" must be positive; use \"inf\" or leave it out for no expiry");
        }
        return millis;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static String malformed(String text, String what) {
        return "Malformed querycache hint " + text + ": " + what;
    }
}
