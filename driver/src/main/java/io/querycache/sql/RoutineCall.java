package io.querycache.sql;


import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The procedure a {@code CALL p(...)}, or a SQL Server {@code EXEC p} / {@code EXECUTE p}, runs. */
final class RoutineCall {

    private static final String NAME = "(?:[\\w$]+|\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\])";
    private static final Pattern CALL = Pattern.compile(
            "(?is)CALL\\s+(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")*)\\s*(?:\\(|\\}|;|$)");
    private static final Pattern EXEC = Pattern.compile(
            "(?is)EXEC(?:UTE)?\\s+(?:@[\\w$]+\\s*=\\s*)?(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")*)(?![\\w$(])");
    /** Procedures that run SQL given as text: what they write cannot be named. */
    private static final java.util.Set<String> DYNAMIC_SQL = java.util.Set.of("sp_executesql", "sp_sqlexec",
            "immediate");

    private RoutineCall() {
    }

    /**
     * The called routine's lower-case unqualified name, or null when the statement is not a call this class
     * can name (PostgreSQL's and MySQL's EXECUTE run a prepared statement; EXEC of a string is dynamic SQL).
     */
    static String routine(String sql, int start, String firstKeyword, Dialect dialect) {
        Matcher m;
        if (firstKeyword.equals("CALL")) {
            m = CALL.matcher(sql).region(start, sql.length());
        } else if (firstKeyword.equals("EXEC") && (dialect == Dialect.SQLSERVER || dialect == Dialect.GENERIC)
                || firstKeyword.equals("EXECUTE") && dialect == Dialect.SQLSERVER) {
            m = EXEC.matcher(sql).region(start, sql.length());
        } else {
            return null;
        }
        if (!m.lookingAt()) {
            return null;
        }
        String name = Footprint.normaliseTable(m.group(1).replaceAll("\\s*\\.\\s*", "."));
        return DYNAMIC_SQL.contains(name.toLowerCase(Locale.ROOT)) ? null : name;
    }
}
