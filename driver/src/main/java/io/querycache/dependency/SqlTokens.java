package io.querycache.dependency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL (a trigger or routine body, a view definition) into words, quoted identifiers and symbols,
 * skipping literals and comments. {@link #unterminated} says a literal or comment never ended: the text was
 * not understood.
 */
final class SqlTokens {

    enum Kind { WORD, QUOTED, SYMBOL, LITERAL }

    static final class Token {
        final Kind kind;
        /** Lower case; a quoted identifier without its quotes. */
        final String text;

        Token(Kind kind, String text) {
            this.kind = kind;
            this.text = text;
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.charAt(0) == c;
        }

        @Override
        public String toString() {
            return kind + ":" + text;
        }
    }

    final List<Token> tokens = new ArrayList<>();
    boolean unterminated;

    /** PostgreSQL: '' escapes, E'' with backslashes, $tag$ literals, nested block comments. */
    static SqlTokens postgres(String sql) {
        return new SqlTokens(sql, false);
    }

    /** MariaDB/MySQL: backslash escapes, # comments, executable comments read as code; also fine for H2. */
    static SqlTokens mariadb(String sql) {
        return new SqlTokens(sql, true);
    }

    private SqlTokens(String sql, boolean mariadb) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = endOfLine(sql, i);
            } else if (c == '#' && mariadb) {
                i = endOfLine(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                if (mariadb && i + 2 < n && (sql.charAt(i + 2) == '!' || sql.startsWith("M!", i + 2))) {
                    i = executableCommentBody(sql, i); // its content runs: read it as code
                } else {
                    i = endOfBlockComment(sql, i, !mariadb);
                }
            } else if (mariadb && c == '*' && i + 1 < n && sql.charAt(i + 1) == '/') {
                i += 2; // the end of an executable comment
            } else if (c == '\'') {
                i = endOfString(sql, i, mariadb || isEscapeStringPrefix(sql, i));
            } else if (c == '"' || c == '`' || (c == '[' && mariadb)) {
                char close = c == '[' ? ']' : c;
                int end = sql.indexOf(close, i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == close && close != ']') {
                    end = sql.indexOf(close, end + 2); // doubled quote inside
                }
                if (end < 0) {
                    unterminated = true;
                    return;
                }
                String name = sql.substring(i + 1, end).replace("" + close + close, "" + close);
                tokens.add(new Token(Kind.QUOTED, name.toLowerCase(Locale.ROOT)));
                i = end + 1;
            } else if (c == '$' && !mariadb && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                if (end < 0) {
                    unterminated = true;
                    return;
                }
                tokens.add(new Token(Kind.LITERAL, "$"));
                i = end + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                if (i < n && sql.charAt(i) == '\'' && i - start == 1) {
                    continue; // E'..', N'..', X'..', B'..': the literal follows
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, i).toLowerCase(Locale.ROOT)));
            } else if (Character.isDigit(c) || (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int start = i++;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.LITERAL, sql.substring(start, i)));
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
    }

    private static boolean isEscapeStringPrefix(String sql, int quote) {
        return quote > 0 && (sql.charAt(quote - 1) == 'e' || sql.charAt(quote - 1) == 'E')
                && (quote == 1 || !Character.isLetterOrDigit(sql.charAt(quote - 2)) && sql.charAt(quote - 2) != '_');
    }

    private static int endOfLine(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }

    private int endOfBlockComment(String sql, int i, boolean nested) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth = nested || depth == 0 ? depth + 1 : depth;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        unterminated = true;
        return n;
    }

    private static int executableCommentBody(String sql, int i) {
        i += sql.charAt(i + 2) == '!' ? 3 : 4;
        while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            i++; // the version
        }
        return i;
    }

    private int endOfString(String sql, int i, boolean backslashEscapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.LITERAL, "'"));
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        unterminated = true;
        return n;
    }

    /** {@code $$} or {@code $tag$} starting at i, else null. */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }
}
