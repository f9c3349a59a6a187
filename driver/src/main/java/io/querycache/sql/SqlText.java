package io.querycache.sql;

import java.util.regex.Pattern;

/** SQL as it may appear in a log line or message: string literals masked (they can hold secrets), abbreviated. */
public final class SqlText {

    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|''|\\\\.)*'");
    private static final int MAX_LENGTH = 300;

    private SqlText() {
    }

    public static String forLog(String sql) {
        String masked = STRING_LITERAL.matcher(sql).replaceAll("'***'");
        return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH) + "...";
    }
}
