package io.querycache.sql;

import java.util.Set;

/** What one pass of {@link HintLexer} found in a SQL text. */
final class SqlScan {

    private final Hint hint;
    private final String error;
    private final String firstKeyword;
    private final String secondKeyword;
    private final boolean multipleStatements;
    private final Dialect dialect;
    private final int firstKeywordStart;
    private final boolean mayCallFunctions;
    private final Set<String> calledNames;
    private final int[] statementEnds;
    private final boolean statementEndsCertain;
    private final String executedText;

    SqlScan(Hint hint, String error, String firstKeyword, String secondKeyword, boolean multipleStatements,
            Dialect dialect, int firstKeywordStart, boolean mayCallFunctions, Set<String> calledNames,
            int[] statementEnds, boolean statementEndsCertain, String executedText) {
        this.dialect = dialect;
        this.firstKeywordStart = firstKeywordStart;
        this.mayCallFunctions = mayCallFunctions;
        this.calledNames = calledNames;
        this.statementEnds = statementEnds;
        this.statementEndsCertain = statementEndsCertain;
        this.executedText = executedText;
        this.hint = hint;
        this.error = error;
        this.firstKeyword = firstKeyword;
        this.secondKeyword = secondKeyword;
        this.multipleStatements = multipleStatements;
    }

    /** The valid hint, or null. */
    public Hint hint() { return hint; }

    /** Why the hint is malformed (the message quotes it), or null. */
    public String error() { return error; }

    /** The statement's first keyword outside comments, upper case, or null. */
    public String firstKeyword() { return firstKeyword; }

    /** The second keyword, upper case, or null. */
    public String secondKeyword() { return secondKeyword; }

    /** The dialect the text was read in. */
    public Dialect dialect() { return dialect; }

    /** True when a {@code ;} outside quotes and comments is followed by more SQL. */
    public boolean multipleStatements() { return multipleStatements; }

    /**
     * True when the text (outside literals, quoted identifiers and comments) may call a function that is not
     * a known built-in: an identifier followed by {@code (} that is neither a keyword nor in
     * {@link BuiltinFunctions}, any qualified or quoted name followed by {@code (}, or a statement starting
     * with CALL, EXEC, EXECUTE or DO. False means no user function is called; true may be a false alarm
     * (e.g. {@code INSERT INTO t (a)}).
     */
    public boolean mayCallFunctions() { return mayCallFunctions; }

    /**
     * The indices of the {@code ;} that end statements, in order: outside literals, quoted identifiers,
     * comments, dollar quotes, parentheses and executable comments. Includes a trailing {@code ;}.
     */
    public int[] statementEnds() { return statementEnds.clone(); }

    /** False when a {@code ;} stands inside parentheses or an executable comment: the text cannot be split. */
    boolean statementEndsCertain() { return statementEndsCertain; }

    /** Lower-case names the lexer saw written as calls (see {@link #mayCallFunctions()}), built-ins excluded. */
    Set<String> calledNames() { return calledNames; }

    /** Index of the first keyword, or -1. */
    int firstKeywordStart() { return firstKeywordStart; }

    /** The SQL the server executes: MySQL executable-comment markers blanked out, or {@code sql} itself. */
    String executedText(String sql) { return executedText == null ? sql : executedText; }
}
