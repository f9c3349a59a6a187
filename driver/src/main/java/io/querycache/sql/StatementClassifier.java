package io.querycache.sql;

import io.querycache.sql.StatementInfo.Kind;
import io.querycache.sql.StatementInfo.TransactionCommand;
import net.sf.jsqlparser.expression.Function;
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
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
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
final class StatementClassifier {

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
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|''|\\\\.)*'");

    private StatementClassifier() {
    }

    /**
     * @param scan     the lexer's scan of the same SQL (first keywords, multiple statements)
     * @param callable true for a CallableStatement: never a cacheable query
     */
    public static StatementInfo classify(String sql, SqlScan scan, boolean callable) {
        return scan.multipleStatements() ? MultipleStatements.classify(sql, scan, callable)
                : classifyOne(sql, scan, callable);
    }

    /** One statement; in MySQL, the text of executable comments is part of it. */
    static StatementInfo classifyOne(String text, SqlScan scan, boolean callable) {
        String sql = scan.executedText(text);
        SessionCommand command = SessionCommands.recognise(sql, scan);
        if (command != null) {
            // SET @x = f() runs f.
            return StatementInfo.of(command).withCalledFunctions(scan.calledNames());
        }
        String first = scan.firstKeyword();
        String second = scan.secondKeyword();
        StatementInfo special = executedInside(sql, scan, callable);
        if (special == null) {
            special = called(sql, scan);
        }
        if (special == null && "DROP".equals(first)) {
            special = DroppedObjects.classify(sql, scan.firstKeywordStart());
        }
        if (special != null) {
            return special;
        }
        StatementInfo byKeyword = byLeadingKeywords(first, second);
        if (byKeyword != null) {
            return byKeyword.kind() == Kind.SESSION ? byKeyword.withCalledFunctions(scan.calledNames()) : byKeyword;
        }
        Parsed parsed = parse(sql, scan.dialect() == Dialect.SQLSERVER);
        if (parsed == null && "DELETE".equals(first)) {
            String joined = WriteTargets.deleteUsingAsDeleteFrom(sql.substring(scan.firstKeywordStart()));
            parsed = joined == null ? null : parse(joined, scan.dialect() == Dialect.SQLSERVER);
        }
        StatementInfo info = parsed == null ? fallback(sql, first).withCalledFunctions(scan.calledNames())
                : fromParsedOrFallback(parsed, sql, first, scan);
        if (callable && (info.kind() == Kind.QUERY)) {
            return new StatementInfo(Kind.UNCACHEABLE_READ, info.readTables(), info.readTablesKnown(), Set.of(), true,
                    null, null).withCalledFunctions(info.calledFunctions());
        }
        return info;
    }

    /**
     * EXPLAIN ANALYZE and MariaDB's ANALYZE run their statement: classified as it, a query as an uncacheable
     * read (it runs its functions). Null for other statements.
     */
    private static StatementInfo executedInside(String sql, SqlScan scan, boolean callable) {
        String first = scan.firstKeyword();
        if (!"EXPLAIN".equals(first) && !"ANALYZE".equals(first) && !"ANALYSE".equals(first)) {
            return null;
        }
        ExecutedStatement executed = ExecutedStatement.of(sql, scan.firstKeywordStart(), first);
        if (!executed.executes) {
            return StatementInfo.of(Kind.SESSION);
        }
        if (executed.inner == null) {
            return StatementInfo.write(Set.of(), false).withCalledFunctions(scan.calledNames());
        }
        StatementInfo inner = classifyOne(executed.inner, HintLexer.scan(executed.inner, scan.dialect()), callable);
        switch (inner.kind()) {
            case QUERY:
                return inner.withKind(Kind.UNCACHEABLE_READ);
            case TRANSACTION:
            case SESSION:
                return StatementInfo.of(Kind.SESSION);
            default:
                return inner;
        }
    }

    /** CALL p(...), EXEC p: a write of what p writes, which the caller finds out. Null for other statements. */
    private static StatementInfo called(String sql, SqlScan scan) {
        String first = scan.firstKeyword();
        if (!"CALL".equals(first) && !"EXEC".equals(first) && !"EXECUTE".equals(first)) {
            return null;
        }
        String routine = RoutineCall.routine(sql, scan.firstKeywordStart(), first, scan.dialect());
        if (routine == null) {
            return StatementInfo.write(Set.of(), false).withCalledFunctions(scan.calledNames());
        }
        Set<String> functions = new LinkedHashSet<>();
        functions.add(routine);
        functions.addAll(scan.calledNames());
        return StatementInfo.write(Set.of(), true).withCalledFunctions(functions);
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
        final Set<String> tables = new LinkedHashSet<>();
        final Set<String> functions = new LinkedHashSet<>();

        Parsed(Statement statement) {
            this.statement = statement;
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
            Parsed parsed = new Parsed(statement);
            collectNames(parser.getASTRoot(), parsed);
            return parsed;
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
     * names. CTE names and aliases come along; over-including a table only over-invalidates. The functions
     * the statement calls are collected on the way.
     */
    private static void collectNames(Node node, Parsed parsed) {
        if (node == null) {
            return;
        }
        if (node instanceof SimpleNode) {
            Object value = ((SimpleNode) node).jjtGetValue();
            if (value instanceof Table) {
                add(parsed.tables, (Table) value);
            } else if (value instanceof Function) {
                addFunction(parsed.functions, ((Function) value).getName());
            }
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            collectNames(node.jjtGetChild(i), parsed);
        }
    }

    /** A built-in is left out, unless qualified by a schema other than PostgreSQL's pg_catalog. */
    private static void addFunction(Set<String> functions, String qualifiedName) {
        if (qualifiedName == null) {
            return;
        }
        String name = Footprint.normaliseTable(qualifiedName);
        String lower = qualifiedName.toLowerCase(Locale.ROOT);
        boolean qualified = lower.length() > name.length() + 1 && !lower.startsWith("pg_catalog.");
        if (qualified || !BuiltinFunctions.contains(name)) {
            functions.add(name);
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
    private static StatementInfo fromParsedOrFallback(Parsed parsed, String sql, String first, SqlScan scan) {
        try {
            return fromParsed(parsed.statement, parsed.tables).withCalledFunctions(parsed.functions);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "querycache: cannot analyse the parsed statement, classifying it by its first"
                    + " keyword: " + SqlText.forLog(sql), e);
            return fallback(sql, first).withCalledFunctions(scan.calledNames());
        }
    }

    private static StatementInfo fromParsed(Statement statement, Set<String> namedTables) {
        if (statement instanceof Select) {
            return fromSelect((Select) statement, namedTables);
        }
        if (statement instanceof Insert || statement instanceof Update || statement instanceof Delete) {
            WriteTargets targets = new WriteTargets();
            if (statement instanceof Insert) {
                targets.insert((Insert) statement);
            } else if (statement instanceof Update) {
                targets.update((Update) statement);
            } else {
                targets.delete((Delete) statement);
            }
            return StatementInfo.write(targets.tables, targets.known && !targets.tables.isEmpty());
        }
        Set<String> written = new LinkedHashSet<>();
        boolean known = true;
        if (statement instanceof Upsert) {
            add(written, ((Upsert) statement).getTable());
        } else if (statement instanceof Merge) {
            add(written, ((Merge) statement).getTable());
        } else if (statement instanceof Truncate) {
            Truncate truncate = (Truncate) statement;
            add(written, truncate.getTable());
            if (truncate.getTables() != null) {
                truncate.getTables().forEach(t -> add(written, t));
            }
            if (truncate.getCascade()) {
                return StatementInfo.write(written, !written.isEmpty()).withTruncateCascade();
            }
        } else if (statement instanceof Drop) {
            String type = ((Drop) statement).getType();
            if (type != null && (type.equalsIgnoreCase("SCHEMA") || type.equalsIgnoreCase("DATABASE"))) {
                return StatementInfo.write(Set.of(), false); // every table in it
            }
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

    /** H2's and DB2's data change delta tables: a SELECT that writes, {@code FROM FINAL TABLE (UPDATE ...)}. */
    static final Pattern DATA_CHANGE_TABLE = Pattern.compile(
            "(?i)\\b(FINAL|NEW|OLD)\\s+TABLE\\s*\\(\\s*(INSERT|UPDATE|DELETE|MERGE)\\b");

    private static StatementInfo fromSelect(Select select, Set<String> namedTables) {
        List<WithItem<?>> with = select.getWithItemsList();
        if (with != null && with.stream().anyMatch(WriteTargets::isModifying)) {
            WriteTargets targets = new WriteTargets();
            targets.ctes(with);
            return new StatementInfo(Kind.UNCACHEABLE_READ, Set.of(), false, targets.tables,
                    targets.known && !targets.tables.isEmpty(), null, null);
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
        if (DATA_CHANGE_TABLE.matcher(withoutLiterals).find()) {
            // Which of the named tables the inner statement writes is not worth telling apart: all of them.
            return new StatementInfo(Kind.UNCACHEABLE_READ, read, true, read, !read.isEmpty(), null, null);
        }
        if (select.getForMode() != null || LOCKING.matcher(withoutLiterals).find()) {
            return new StatementInfo(Kind.UNCACHEABLE_READ, read, true, Set.of(), true, null, null);
        }
        return new StatementInfo(Kind.QUERY, read, true, Set.of(), true, null, volatileFunction(withoutLiterals));
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
    private static StatementInfo fallback(String sql, String first) {
        String withoutLiterals = STRING_LITERAL.matcher(sql).replaceAll("''");
        if (first != null && QUERY_WORDS.contains(first)) {
            String upper = withoutLiterals.toUpperCase(Locale.ROOT);
            if ((first.equals("WITH") && Pattern.compile("\\b(INSERT|UPDATE|DELETE|MERGE)\\b").matcher(upper).find())
                    || DATA_CHANGE_TABLE.matcher(withoutLiterals).find()) {
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
