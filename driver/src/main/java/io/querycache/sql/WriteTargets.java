package io.querycache.sql;

import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables an INSERT, UPDATE or DELETE writes, with the aliases of multi-table forms resolved to tables and
 * the targets of data-modifying CTEs, nested ones included. A name that resolves to no table makes the set
 * unknown.
 */
final class WriteTargets {

    /** MySQL's {@code DELETE FROM a, b USING t1 a JOIN t2 b ...}, which the parser does not read. */
    private static final Pattern DELETE_USING = Pattern.compile(
            "(?is)(DELETE\\s+(?:(?:LOW_PRIORITY|QUICK|IGNORE)\\s+)*)FROM\\s+(.+?)\\s+USING\\s+");

    final Set<String> tables = new LinkedHashSet<>();
    boolean known = true;

    /** {@code DELETE FROM a, b USING refs} rewritten as the equivalent {@code DELETE a, b FROM refs}, or null. */
    static String deleteUsingAsDeleteFrom(String sql) {
        Matcher m = DELETE_USING.matcher(sql);
        return m.lookingAt() ? m.group(1) + m.group(2) + " FROM " + sql.substring(m.end()) : null;
    }

    void insert(Insert insert) {
        ctes(insert.getWithItemsList());
        add(insert.getTable());
        if (insert.getSelect() != null) {
            ctes(insert.getSelect().getWithItemsList());
        }
    }

    void update(Update update) {
        ctes(update.getWithItemsList());
        List<Join> startJoins = update.getStartJoins();
        if (startJoins == null || startJoins.isEmpty()) {
            add(update.getTable()); // one target; PostgreSQL's UPDATE ... FROM u only reads u
            return;
        }
        // MySQL UPDATE t1 a JOIN t2 b ... SET a.x = 1, b.y = 2: the qualifiers of the SET columns say which.
        Map<String, Set<String>> names = new HashMap<>();
        name(names, update.getTable());
        joins(names, startJoins);
        for (UpdateSet set : update.getUpdateSets()) {
            for (Column column : set.getColumns()) {
                Table qualifier = column.getTable();
                if (qualifier == null || qualifier.getName() == null) {
                    names.values().forEach(tables::addAll); // unqualified: any of them
                } else {
                    resolve(names, qualifier);
                }
            }
        }
    }

    void delete(Delete delete) {
        ctes(delete.getWithItemsList());
        List<Table> targets = delete.getTables();
        if (targets == null || targets.isEmpty()) {
            add(delete.getTable());
            return;
        }
        // MySQL DELETE a, b FROM t1 a JOIN t2 b ...: the targets are aliases or names of the joined tables.
        Map<String, Set<String>> names = new HashMap<>();
        name(names, delete.getTable());
        joins(names, delete.getJoins());
        if (delete.getUsingList() != null) {
            delete.getUsingList().forEach(t -> name(names, t));
        }
        targets.forEach(t -> resolve(names, t));
    }

    /** Adds the targets of data-modifying CTEs, looking into nested WITH clauses. */
    void ctes(List<WithItem<?>> items) {
        if (items == null) {
            return;
        }
        for (WithItem<?> item : items) {
            Object body = item.getParenthesedStatement();
            if (body instanceof ParenthesedInsert) {
                insert(((ParenthesedInsert) body).getInsert());
            } else if (body instanceof ParenthesedUpdate) {
                update(((ParenthesedUpdate) body).getUpdate());
            } else if (body instanceof ParenthesedDelete) {
                delete(((ParenthesedDelete) body).getDelete());
            } else if (body instanceof ParenthesedSelect) {
                Select select = ((ParenthesedSelect) body).getSelect();
                if (select != null) {
                    ctes(select.getWithItemsList());
                }
            } else if (body != null && !(body instanceof Select)) {
                known = false; // a statement kind this class cannot name the targets of
            }
        }
    }

    static boolean isModifying(WithItem<?> item) {
        Object body = item.getParenthesedStatement();
        if (body instanceof ParenthesedInsert || body instanceof ParenthesedUpdate
                || body instanceof ParenthesedDelete) {
            return true;
        }
        if (body instanceof ParenthesedSelect && ((ParenthesedSelect) body).getSelect() != null) {
            List<WithItem<?>> nested = ((ParenthesedSelect) body).getSelect().getWithItemsList();
            return nested != null && nested.stream().anyMatch(WriteTargets::isModifying);
        }
        return body != null && !(body instanceof Select);
    }

    private void add(Table table) {
        if (table != null && table.getName() != null) {
            tables.add(Footprint.normaliseTable(table.getName()));
        }
    }

    private static void joins(Map<String, Set<String>> names, List<Join> joins) {
        if (joins != null) {
            for (Join join : joins) {
                FromItem item = join.getFromItem();
                if (item instanceof Table) {
                    name(names, (Table) item);
                } else if (item != null && item.getAlias() != null) {
                    names.put(normalise(item.getAlias().getName()), Set.of()); // a derived table: no table
                }
            }
        }
    }

    /** Records a table under its own name and its alias. */
    private static void name(Map<String, Set<String>> names, Table table) {
        if (table == null || table.getName() == null) {
            return;
        }
        String real = Footprint.normaliseTable(table.getName());
        names.computeIfAbsent(real, k -> new LinkedHashSet<>()).add(real);
        if (table.getAlias() != null && table.getAlias().getName() != null) {
            names.computeIfAbsent(normalise(table.getAlias().getName()), k -> new LinkedHashSet<>()).add(real);
        }
    }

    private void resolve(Map<String, Set<String>> names, Table target) {
        Set<String> real = target.getName() == null ? null : names.get(Footprint.normaliseTable(target.getName()));
        if (real == null || real.isEmpty()) {
            known = false;
        } else {
            tables.addAll(real);
        }
    }

    private static String normalise(String alias) {
        return Footprint.normaliseTable(alias);
    }
}
