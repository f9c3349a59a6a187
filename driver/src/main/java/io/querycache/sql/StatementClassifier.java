package io.querycache.sql;

import io.querycache.cache.Footprint;
import io.querycache.sql.StatementInfo.Kind;
import io.querycache.sql.StatementInfo.TransactionCommand;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a SQL statement with JSqlParser: a cacheable query and the tables it reads, a write and the
 * tables it writes, transaction control, or a session command. SQL the parser cannot read falls back to its
 * first keywords, conservatively: an unknown write may have touched every table.
 *
 * <p>The parser runs on the calling thread (no executor, no thread per parse); callers memoize per SQL text.
 */
public final class StatementClassifier {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE");
    private static final Set<String> SESSION_WORDS = Set.of("SET", "SHOW", "RESET", "USE", "DESCRIBE", "DESC",
            "LISTEN", "UNLISTEN", "NOTIFY", "DISCARD", "DEALLOCATE", "PREPARE", "LOCK", "UNLOCK", "CHECKPOINT",
            "VACUUM", "ANALYZE", "ANALYSE", "PRAGMA", "HELP", "FETCH", "CLOSE", "DECLARE", "MOVE", "LOAD_FILE");
    private static final Pattern LOCKING = Pattern.compile(
            "\\bFOR\\s+(NO\\s+KEY\\s+)?UPDATE\\b|\\bFOR\\s+(KEY\\s+)?SHARE\\b|\\bLOCK\\s+IN\\s+SHARE\\s+MODE\\b"
                    + "|\\b(UPDLOCK|XLOCK|HOLDLOCK)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern VOLATILE = Pattern.compile("(?i)(?<![\\w.$])("
            + "now|random|rand|uuid|gen_random_uuid|uuid_generate_v1|uuid_generate_v4|newid|newsequentialid|"
            + "random_uuid|nextval|currval|setval|lastval|clock_timestamp|statement_timestamp|transaction_timestamp|"
            + "timeofday|unix_timestamp|utc_timestamp|utc_date|utc_time|last_insert_id|sys_guid|getdate|getutcdate|"
            + "sysdatetime|sysutcdatetime|sysdatetimeoffset|curdate|curtime|current_timestamp|current_date|"
            + "current_time|localtime|localtimestamp|sysdate|systimestamp|dbms_random\\.value|rownum_random)"
            + "\\s*(\\(|(?![\\w(]))|(?i)\\bNEXT\\s+VALUE\\s+FOR\\b");
    /** Functions that need parentheses to be calls; the rest are SQL special values written bare. */
    private static final Set<String> BARE_VOLATILE = Set.of("current_timestamp", "current_date", "current_time",
            "localtime", "localtimestamp", "sysdate", "systimestamp");
    private static final Pattern SET_AUTOCOMMIT = Pattern.compile(
            "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+|@@)?AUTOCOMMIT\\s*(?:=|TO)?\\s*'?(0|1|ON|OFF|TRUE|FALSE)'?\\s*;?\\s*");
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|''|\\\\.)*'");

    private StatementClassifier() {
    }

    /**
     * @param scan     the lexer's scan of the same SQL (first keywords, multiple statements)
     * @param callable true for a CallableStatement: never a cacheable query
     */
    public static StatementInfo classify(String sql, SqlScan scan, boolean callable) {
        SessionCommand command = SessionCommands.recognise(sql, scan);
        if (command != null) {
            return StatementInfo.of(command);
        }
        String first = scan.firstKeyword();
        String second = scan.secondKeyword();
        Matcher autocommit = "SET".equals(first) ? SET_AUTOCOMMIT.matcher(sql) : null;
        if (autocommit != null && autocommit.matches()) {
            String v = autocommit.group(1).toUpperCase(Locale.ROOT);
            return StatementInfo.transaction(v.equals("0") || v.equals("OFF") || v.equals("FALSE")
                    ? TransactionCommand.AUTOCOMMIT_OFF : TransactionCommand.AUTOCOMMIT_ON);
        }
        if (autocommit != null) {
            return StatementInfo.of(Kind.SESSION);
        }
        StatementInfo byKeyword = byLeadingKeywords(first, second);
        if (byKeyword != null && !scan.multipleStatements()) {
            return byKeyword;
        }
        Parsed parsed = scan.multipleStatements() ? null : parse(sql, scan.dialect() == Dialect.SQLSERVER);
        StatementInfo info = parsed == null ? fallback(sql, first, scan.multipleStatements())
                : fromParsedOrFallback(parsed, sql, first);
        if (callable && (info.kind() == Kind.QUERY)) {
            return new StatementInfo(Kind.UNCACHEABLE_READ, info.readTables(), info.readTablesKnown(), Set.of(), true,
                    null, null);
        }
        return info;
    }

    /** Transaction and session commands, told apart by their first words without parsing. */
    private static StatementInfo byLeadingKeywords(String first, String second) {
        if (first == null) {
            return StatementInfo.of(Kind.SESSION);
        }
        switch (first) {
            case "BEGIN":
                if (second == null || Set.of("WORK", "TRANSACTION", "TRAN", "ISOLATION", "READ", "DEFERRABLE", "NOT",
                        "DEFERRED", "IMMEDIATE", "EXCLUSIVE").contains(second)) {
                    return StatementInfo.transaction(TransactionCommand.BEGIN);
                }
                return null; // a procedural BEGIN ... END block
            case "START":
                return "TRANSACTION".equals(second) ? StatementInfo.transaction(TransactionCommand.BEGIN) : null;
            case "COMMIT":
            case "END":
                return StatementInfo.transaction(TransactionCommand.COMMIT);
            case "ROLLBACK":
            case "ABORT":
                return StatementInfo.transaction("TO".equals(second) || second != null && !Set.of("WORK", "TRANSACTION",
                        "TRAN", "AND").contains(second) ? TransactionCommand.ROLLBACK_TO_SAVEPOINT
                        : TransactionCommand.ROLLBACK);
            case "SAVEPOINT":
                return StatementInfo.transaction(TransactionCommand.SAVEPOINT);
            case "SAVE":
                return "TRANSACTION".equals(second) || "TRAN".equals(second)
                        ? StatementInfo.transaction(TransactionCommand.SAVEPOINT) : null;
            case "RELEASE":
                return StatementInfo.transaction(TransactionCommand.RELEASE_SAVEPOINT);
            case "SET":
                if ("AUTOCOMMIT".equals(second) || "SESSION".equals(second) || "LOCAL".equals(second)) {
                    return null; // looked at in classify(), with the whole text
                }
                return StatementInfo.of(Kind.SESSION);
            case "EXPLAIN":
                // EXPLAIN ANALYZE runs the statement, which may write.
                return "ANALYZE".equals(second) || "ANALYSE".equals(second) ? null : StatementInfo.of(Kind.SESSION);
            default:
                if (SESSION_WORDS.contains(first) && !("SET".equals(first) && "ROWCOUNT".equals(second))) {
                    return StatementInfo.of(Kind.SESSION);
                }
                return null;
        }
    }

    /** A parsed statement and every table its syntax tree names, wherever it appears. */
    private static final class Parsed {
        final Statement statement;
        final Set<String> tables;

        Parsed(Statement statement, Set<String> tables) {
            this.statement = statement;
            this.tables = tables;
        }
    }

    /**
     * Parses in simple mode, then in complex mode when that fails. Complex mode backtracks, and on nested SQL it
     * can take seconds (exponential in the depth): a watchdog interrupts any parse that runs past its budget,
     * and the statement is then classified by its first keyword.
     */
    private static Parsed parse(String sql, boolean squareBrackets) {
        try {
            return parse(sql, squareBrackets, false);
        } catch (Exception | StackOverflowError simple) {
            if (CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
                LOG.log(Level.FINE, "querycache: SQL too deeply nested to parse: {0}", SqlText.forLog(sql));
                return null;
            }
            try {
                return parse(sql, squareBrackets, true);
            } catch (Exception | StackOverflowError e) {
                if (LOG.isLoggable(Level.FINE)) {
                    LOG.fine("querycache: the SQL parser cannot read this statement, classifying it by its first"
                            + " keyword (" + firstLine(e.getMessage()) + "): " + SqlText.forLog(sql));
                }
                return null;
            }
        }
    }

    private static Parsed parse(String sql, boolean squareBrackets, boolean complex) throws ParseException {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex)
                .withSquareBracketQuotation(squareBrackets);
        ScheduledFuture<?> alarm = ParseWatchdog.arm(parser, PARSE_BUDGET_MILLIS);
        try {
            Statement statement = parser.Statement();
            if (parser.interrupted) {
                throw new ParseException("parse abandoned after " + PARSE_BUDGET_MILLIS + " ms");
            }
            Set<String> tables = new LinkedHashSet<>();
            collectTables(parser.getASTRoot(), tables);
            return new Parsed(statement, tables);
        } catch (ParseException | RuntimeException e) {
            if (parser.interrupted) {
                LOG.log(Level.FINE, "querycache: SQL parse abandoned after {0} ms: {1}",
                        new Object[] {PARSE_BUDGET_MILLIS, SqlText.forLog(sql)});
                ABANDONED.incrementAndGet();
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    /** How long one parse may run. */
    private static final long PARSE_BUDGET_MILLIS = 500;
    /** Parses the watchdog abandoned, for tests. */
    static final java.util.concurrent.atomic.AtomicLong ABANDONED = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Every table reference in the parser's syntax tree: unlike {@link TablesNamesFinder}, whose visitors skip
     * subqueries in ORDER BY, GROUP BY, FILTER, window and CASE clauses, the tree holds each table the SQL
     * names. CTE names and aliases come along; over-including a table only over-invalidates.
     */
    private static void collectTables(Node node, Set<String> tables) {
        if (node == null) {
            return;
        }
        if (node instanceof SimpleNode) {
            Object value = ((SimpleNode) node).jjtGetValue();
            if (value instanceof Table) {
                add(tables, (Table) value);
            }
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            collectTables(node.jjtGetChild(i), tables);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** JSqlParser's visitors can fail on shapes they do not expect: then fall back, conservatively. */
    private static StatementInfo fromParsedOrFallback(Parsed parsed, String sql, String first) {
        try {
            return fromParsed(parsed.statement, parsed.tables);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "querycache: cannot analyse the parsed statement, classifying it by its first"
                    + " keyword: " + SqlText.forLog(sql), e);
            return fallback(sql, first, false);
        }
    }

    private static StatementInfo fromParsed(Statement statement, Set<String> namedTables) {
        if (statement instanceof Select) {
            return fromSelect((Select) statement, namedTables);
        }
        Set<String> written = new LinkedHashSet<>();
        boolean known = true;
        if (statement instanceof Insert) {
            add(written, ((Insert) statement).getTable());
            known &= cteWrites(((Insert) statement).getWithItemsList(), written);
        } else if (statement instanceof Upsert) {
            add(written, ((Upsert) statement).getTable());
        } else if (statement instanceof Update) {
            Update update = (Update) statement;
            add(written, update.getTable());
            // MySQL multi-table UPDATE a JOIN b SET b.x = ...: any joined table may be written.
            addJoins(written, update.getStartJoins());
            addJoins(written, update.getJoins());
            known &= cteWrites(update.getWithItemsList(), written);
        } else if (statement instanceof Delete) {
            Delete delete = (Delete) statement;
            add(written, delete.getTable());
            if (delete.getTables() != null) {
                delete.getTables().forEach(t -> add(written, t));
            }
            known &= cteWrites(delete.getWithItemsList(), written);
        } else if (statement instanceof Merge) {
            add(written, ((Merge) statement).getTable());
        } else if (statement instanceof Truncate) {
            Truncate truncate = (Truncate) statement;
            add(written, truncate.getTable());
            if (truncate.getTables() != null) {
                truncate.getTables().forEach(t -> add(written, t));
            }
        } else if (statement instanceof Drop) {
            add(written, ((Drop) statement).getName());
        } else if (statement instanceof Alter) {
            add(written, ((Alter) statement).getTable());
        } else if (statement instanceof CreateTable) {
            add(written, ((CreateTable) statement).getTable());
        } else if (statement instanceof CreateView) {
            add(written, ((CreateView) statement).getView());
        } else if (statement instanceof AlterView) {
            add(written, ((AlterView) statement).getView());
        } else if (statement instanceof CreateIndex) {
            add(written, ((CreateIndex) statement).getTable());
        } else if (statement instanceof RenameTableStatement) {
            ((RenameTableStatement) statement).getTableNames().forEach(e -> {
                add(written, e.getKey());
                add(written, e.getValue());
            });
        } else {
            // CALL/EXECUTE, procedural blocks, GRANT, COMMENT, and whatever else: tables unknown.
            known = false;
        }
        if (written.isEmpty()) {
            known = false;
        }
        return StatementInfo.write(written, known);
    }

    private static StatementInfo fromSelect(Select select, Set<String> namedTables) {
        Set<String> written = new LinkedHashSet<>();
        boolean modifyingCte = false;
        boolean known = true;
        if (select.getWithItemsList() != null) {
            for (WithItem<?> item : select.getWithItemsList()) {
                if (isModifying(item)) {
                    modifyingCte = true;
                }
            }
            if (modifyingCte) {
                known = cteWrites(select.getWithItemsList(), written);
            }
        }
        if (modifyingCte) {
            return new StatementInfo(Kind.UNCACHEABLE_READ, Set.of(), false, written, known && !written.isEmpty(),
                    null, null);
        }
        Set<String> read = tables(select);
        read.addAll(namedTables);
        String text = select.toString();
        String withoutLiterals = STRING_LITERAL.matcher(text).replaceAll("''");
        if (select instanceof PlainSelect && ((PlainSelect) select).getIntoTables() != null) {
            Set<String> into = new LinkedHashSet<>();
            ((PlainSelect) select).getIntoTables().forEach(t -> add(into, t));
            return new StatementInfo(Kind.UNCACHEABLE_READ, read, true, into, !into.isEmpty(), null, null);
        }
        if (select.getForMode() != null || LOCKING.matcher(withoutLiterals).find()) {
            return new StatementInfo(Kind.UNCACHEABLE_READ, read, true, Set.of(), true, null, null);
        }
        return new StatementInfo(Kind.QUERY, read, true, Set.of(), true, null, volatileFunction(withoutLiterals));
    }

    /** Adds the targets of data-modifying CTEs; false if one could not be named. */
    private static boolean cteWrites(List<WithItem<?>> items, Set<String> written) {
        if (items == null) {
            return true;
        }
        boolean known = true;
        for (WithItem<?> item : items) {
            Object body = item.getParenthesedStatement();
            if (body instanceof ParenthesedInsert) {
                add(written, ((ParenthesedInsert) body).getInsert().getTable());
            } else if (body instanceof ParenthesedUpdate) {
                add(written, ((ParenthesedUpdate) body).getUpdate().getTable());
            } else if (body instanceof ParenthesedDelete) {
                add(written, ((ParenthesedDelete) body).getDelete().getTable());
            }
        }
        return known;
    }

    private static boolean isModifying(WithItem<?> item) {
        Object body = item.getParenthesedStatement();
        return body instanceof ParenthesedInsert || body instanceof ParenthesedUpdate
                || body instanceof ParenthesedDelete;
    }

    private static Set<String> tables(Statement statement) {
        Set<String> tables = new LinkedHashSet<>();
        // getTablesOrOtherSources, not getTables: the latter drops a table whose name is also a subquery's or
        // CTE's alias (SELECT * FROM (SELECT * FROM countries) countries). CTE names come along: harmless.
        for (String name : new TablesNamesFinder<Void>().getTablesOrOtherSources(statement)) {
            tables.add(Footprint.normaliseTable(name));
        }
        return tables;
    }

    private static void add(Set<String> tables, Table table) {
        if (table != null && table.getName() != null) {
            tables.add(Footprint.normaliseTable(table.getName()));
        }
    }

    private static void addJoins(Set<String> tables, List<Join> joins) {
        if (joins != null) {
            for (Join join : joins) {
                if (join.getFromItem() instanceof Table) {
                    add(tables, (Table) join.getFromItem());
                }
            }
        }
    }

    static String volatileFunction(String sqlWithoutLiterals) {
        Matcher m = VOLATILE.matcher(sqlWithoutLiterals);
        while (m.find()) {
            if (m.group(1) == null) {
                return "next value for";
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            boolean call = "(".equals(m.group(2));
            if (call || BARE_VOLATILE.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** SQL the parser cannot read: decided by its first keyword, conservatively. */
    private static StatementInfo fallback(String sql, String first, boolean multipleStatements) {
        String withoutLiterals = STRING_LITERAL.matcher(sql).replaceAll("''");
        if (!multipleStatements && first != null && QUERY_WORDS.contains(first)) {
            String upper = withoutLiterals.toUpperCase(Locale.ROOT);
            if (first.equals("WITH") && Pattern.compile("\\b(INSERT|UPDATE|DELETE|MERGE)\\b").matcher(upper).find()) {
                return new StatementInfo(Kind.UNCACHEABLE_READ, Set.of(), false, Set.of(), false, null, null);
            }
            if (LOCKING.matcher(withoutLiterals).find() || Pattern.compile("\\bINTO\\b").matcher(upper).find()) {
                return new StatementInfo(Kind.UNCACHEABLE_READ, Set.of(), false, Set.of(), false, null, null);
            }
            return new StatementInfo(Kind.QUERY, Set.of(), false, Set.of(), true, null,
                    volatileFunction(withoutLiterals));
        }
        return StatementInfo.write(Set.of(), false);
    }
}
