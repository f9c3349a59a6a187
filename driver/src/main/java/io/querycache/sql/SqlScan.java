package io.querycache.sql;

/** What one pass of {@link HintLexer} found in a SQL text. */
public final class SqlScan {

    private final Hint hint;
    private final String error;
    private final String firstKeyword;
    private final String secondKeyword;
    private final boolean multipleStatements;
    private final Dialect dialect;

    SqlScan(Hint hint, String error, String firstKeyword, String secondKeyword, boolean multipleStatements,
            Dialect dialect) {
        this.dialect = dialect;
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
}
