package io.querycache.sql;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a statement touches: hint keys and table names. For a cached read it is what the entry depends on;
 * for a write it is what the write invalidates. {@code allTables} marks a read whose tables the parser could
 * not name (it depends on every table) or a write whose tables it could not name (it invalidates every
 * table-dependent entry).
 *
 * <p>Table names are stored lower-cased and unqualified, so comparison is case-insensitive and ignores schemas.
 */
public final class Footprint {

    public static final Footprint NONE = new Footprint(new String[0], new String[0], false);

    private final String[] keys;
    private final String[] tables;
    private final boolean allTables;

    private Footprint(String[] keys, String[] tables, boolean allTables) {
        this.keys = keys;
        this.tables = tables;
        this.allTables = allTables;
    }

    /** Builds a footprint; table names are normalised (quotes and schema removed, lower case). */
    public static Footprint of(Collection<String> keys, Collection<String> tables, boolean allTables) {
        if (keys.isEmpty() && tables.isEmpty() && !allTables) {
            return NONE;
        }
        Set<String> normalised = new LinkedHashSet<>();
        boolean all = allTables;
        for (String table : tables) {
            String n = normaliseTable(table);
            if (n.isEmpty() || n.indexOf('.') >= 0) {
                // A quoted name with a dot in it ("a.b", "a."): parsers split it differently (schema "a", table
                // "b"; or no name at all), so the same table could get two names. What cannot be named surely
                // stands for every table.
                all = true;
            } else {
                normalised.add(n);
            }
        }
        return new Footprint(new LinkedHashSet<>(keys).toArray(new String[0]), normalised.toArray(new String[0]),
                all);
    }

    public static Footprint ofKeys(String... keys) {
        return of(Arrays.asList(keys), Set.of(), false);
    }

    public static Footprint ofTables(String... tables) {
        return of(Set.of(), Arrays.asList(tables), false);
    }

    /** {@code "Shop"."Countries"}, {@code `shop`.`countries`}, {@code [dbo].[Countries]} all become {@code countries}. */
    public static String normaliseTable(String name) {
        String n = name.trim();
        int dot = lastDotOutsideQuotes(n);
        if (dot >= 0) {
            n = n.substring(dot + 1);
        }
        if (n.length() >= 2) {
            char first = n.charAt(0);
            char last = n.charAt(n.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
                n = n.substring(1, n.length() - 1);
            }
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static int lastDotOutsideQuotes(String n) {
        char quote = 0;
        int dot = -1;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '.') {
                dot = i;
            }
        }
        return dot;
    }

    /** The union of two footprints. */
    public Footprint plus(Footprint other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Set<String> k = new LinkedHashSet<>(Arrays.asList(keys));
        k.addAll(Arrays.asList(other.keys));
        Set<String> t = new LinkedHashSet<>(Arrays.asList(tables));
        t.addAll(Arrays.asList(other.tables));
        return new Footprint(k.toArray(new String[0]), t.toArray(new String[0]), allTables || other.allTables);
    }

    /**
     * True when a read with this footprint could see what a write with the other touched: a shared key or
     * table, or either side standing for every table while the other names one.
     */
    public boolean overlaps(Footprint write) {
        if ((allTables && write.touchesTables()) || (write.allTables && touchesTables())) {
            return true;
        }
        return intersects(keys, write.keys) || intersects(tables, write.tables);
    }

    private static boolean intersects(String[] a, String[] b) {
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The hint keys, without a copy (the cache's invalidation loops): callers must not write to it. */
    public String[] keys() { return keys; }

    /** The table names, normalised, without a copy: callers must not write to it. */
    public String[] tables() { return tables; }

    /** The hint keys, read-only. */
    public java.util.List<String> keyNames() { return java.util.Collections.unmodifiableList(Arrays.asList(keys)); }

    /** The table names, normalised, read-only. */
    public java.util.List<String> tableNames() { return java.util.Collections.unmodifiableList(Arrays.asList(tables)); }

    public boolean allTables() { return allTables; }

    public boolean isEmpty() { return keys.length == 0 && tables.length == 0 && !allTables; }

    /** True when this footprint names a table or stands for every table. */
    public boolean touchesTables() { return tables.length > 0 || allTables; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Footprint)) {
            return false;
        }
        Footprint f = (Footprint) o;
        return allTables == f.allTables && Set.of(keys).equals(Set.of(f.keys)) && Set.of(tables).equals(Set.of(f.tables));
    }

    @Override
    public int hashCode() {
        return Set.of(keys).hashCode() * 31 + Set.of(tables).hashCode() + (allTables ? 1 : 0);
    }

    @Override
    public String toString() {
        return "keys=" + Arrays.toString(keys) + " tables=" + (allTables ? "[*]" : Arrays.toString(tables));
    }
}
