package io.querycache.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements that run another statement although they look like something else: PostgreSQL's and MySQL's
 * {@code EXPLAIN ANALYZE <stmt>} and MariaDB's {@code ANALYZE <stmt>}.
 */
final class ExecutedStatement {

    private static final Pattern EXPLAIN_WORDS = Pattern.compile(
            "(?is)EXPLAIN((?:\\s+(?:ANALY[SZ]E|VERBOSE|FORMAT\\s*=\\s*\\w+))*+)\\s+");
    private static final Pattern EXPLAIN_OPTIONS = Pattern.compile("(?is)EXPLAIN\\s*\\(([^()]*)\\)\\s*");
    private static final Pattern ANALYZE_WORD = Pattern.compile("(?i)\\bANALY[SZ]E\\b");
    private static final Pattern MARIADB_ANALYZE = Pattern.compile(
            "(?is)ANALY[SZ]E(?:\\s+FORMAT\\s*=\\s*\\w+)?\\s+(?=(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|VALUES)\\b)");

    /** The outcome for an EXPLAIN: it runs nothing, it runs {@link #inner}, or it cannot be told. */
    final boolean executes;
    final String inner;

    private ExecutedStatement(boolean executes, String inner) {
        this.executes = executes;
        this.inner = inner;
    }

    /**
     * For a text starting (at {@code start}) with EXPLAIN or ANALYZE: what it runs. {@code executes} with a
     * null {@code inner} means it may run something this class cannot find.
     */
    static ExecutedStatement of(String sql, int start, String firstKeyword) {
        if (firstKeyword.equals("EXPLAIN")) {
            Matcher options = EXPLAIN_OPTIONS.matcher(sql).region(start, sql.length());
            if (options.lookingAt()) {
                boolean analyze = analyzeOption(options.group(1));
                return new ExecutedStatement(analyze, analyze ? sql.substring(options.end()) : null);
            }
            Matcher words = EXPLAIN_WORDS.matcher(sql).region(start, sql.length());
            if (words.lookingAt()) {
                boolean analyze = ANALYZE_WORD.matcher(words.group(1)).find();
                return new ExecutedStatement(analyze, analyze ? sql.substring(words.end()) : null);
            }
            return new ExecutedStatement(ANALYZE_WORD.matcher(sql).find(), null);
        }
        Matcher analyze = MARIADB_ANALYZE.matcher(sql).region(start, sql.length());
        return analyze.lookingAt() ? new ExecutedStatement(true, sql.substring(analyze.end()))
                : new ExecutedStatement(false, null); // ANALYZE TABLE t, PostgreSQL's ANALYZE t: statistics
    }

    /** {@code ANALYZE}, {@code ANALYZE true}, {@code ANALYZE on} among the options; not {@code ANALYZE false}. */
    private static boolean analyzeOption(String options) {
        boolean analyze = false;
        for (String option : options.split(",")) {
            String[] words = option.trim().split("\\s+", 2);
            String name = words[0].toUpperCase(Locale.ROOT);
            if (name.equals("ANALYZE") || name.equals("ANALYSE")) {
                String value = words.length < 2 ? "" : words[1].trim().replace("'", "").toLowerCase(Locale.ROOT);
                analyze |= !(value.equals("false") || value.equals("off") || value.equals("0"));
            }
        }
        return analyze;
    }
}
