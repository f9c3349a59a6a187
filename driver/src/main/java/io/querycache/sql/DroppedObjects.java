package io.querycache.sql;


import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a DROP removes, read without the parser (which reads neither {@code DROP TABLE a, b} nor DROP DATABASE). */
final class DroppedObjects {

    private static final String NAME = "(?:[\\w$]+|\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\])(?:\\s*\\.\\s*(?:[\\w$]+|\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]))*";
    private static final Pattern DROP = Pattern.compile(
            "(?is)DROP\\s+(?:TEMPORARY\\s+|MATERIALIZED\\s+|FOREIGN\\s+)?(TABLE|VIEW|SCHEMA|DATABASE)\\s+"
                    + "(?:IF\\s+EXISTS\\s+)?(" + NAME + "(?:\\s*,\\s*" + NAME + ")*)"
                    + "(?:\\s+(?:CASCADE(?:\\s+CONSTRAINTS)?|RESTRICT|PURGE))?\\s*;?\\s*");
    private static final Pattern SCHEMA_OR_DATABASE = Pattern.compile("(?is)DROP\\s+(?:SCHEMA|DATABASE)\\b");
    private static final Pattern ONE_NAME = Pattern.compile(NAME);

    private DroppedObjects() {
    }

    /**
     * The classification of a DROP starting at {@code start}: a schema or database is every table (unknown), a
     * table or view list is its names; null for other DROPs, left to the parser.
     */
    static StatementInfo classify(String sql, int start) {
        if (SCHEMA_OR_DATABASE.matcher(sql).region(start, sql.length()).lookingAt()) {
            return StatementInfo.write(Set.of(), false);
        }
        Matcher m = DROP.matcher(sql).region(start, sql.length());
        if (!m.matches()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher name = ONE_NAME.matcher(m.group(2));
        while (name.find()) {
            names.add(Footprint.normaliseTable(name.group().replaceAll("\\s*\\.\\s*", ".")));
        }
        return StatementInfo.write(names, !names.isEmpty());
    }
}
