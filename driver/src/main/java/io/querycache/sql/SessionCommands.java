package io.querycache.sql;

import io.querycache.sql.SessionCommand.Action;
import io.querycache.sql.SessionCommand.Scope;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the SQL forms of transaction control and session settings of PostgreSQL, MySQL/MariaDB and H2
 * (SPEC 5.3 and 7). Returns null for anything else, which the classifier then reads as before.
 */
final class SessionCommands {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Set<String> BEGIN_SECOND = Set.of("WORK", "TRANSACTION", "TRAN", "ISOLATION", "READ",
            "DEFERRABLE", "NOT", "DEFERRED", "IMMEDIATE", "EXCLUSIVE");
    private static final Pattern BEGIN = Pattern.compile(
            "(?:BEGIN|START TRANSACTION)(?: WORK| TRANSACTION| TRAN)?((?:[ ,]+[A-Z]+)*)", FLAGS);
    private static final Pattern ENDING = Pattern.compile(
            "(COMMIT|END|ROLLBACK|ABORT)(?: WORK| TRANSACTION| TRAN)?(?: AND (NO )?CHAIN)?(?: (?:NO )?RELEASE)?", FLAGS);
    /** Also SQL Server's {@code ROLLBACK TRAN name}: the name may be a savepoint's, so it counts as one (conservative). */
    private static final Pattern TO_SAVEPOINT = Pattern.compile(
            "(?:ROLLBACK|ABORT)(?: WORK| TRANSACTION| TRAN)? TO .*"
                    + "|ROLLBACK (?:TRANSACTION|TRAN) (?!AND |(?:NO )?RELEASE$)\\S+", FLAGS);
    private static final Pattern PREPARED = Pattern.compile(
            "(PREPARE TRANSACTION|COMMIT PREPARED|ROLLBACK PREPARED) (.+)", FLAGS);
    private static final Pattern XA = Pattern.compile(
            "XA (START|BEGIN|END|PREPARE|COMMIT|ROLLBACK) (.+?)( ONE PHASE| JOIN| RESUME| SUSPEND(?: FOR MIGRATE)?)?",
            FLAGS);
    private static final Pattern TEMP_TABLE = Pattern.compile(
            "CREATE (?:GLOBAL |LOCAL )?(?:TEMP|TEMPORARY) TABLE (?:IF NOT EXISTS )?([^\\s(]+).*", FLAGS);
    private static final Pattern SET_CONFIG = Pattern.compile(
            "SELECT (?:PG_CATALOG\\.)?SET_CONFIG ?\\( ?'([^']*)' ?, ?('(?:[^']|'')*') ?, ?(TRUE|FALSE) ?\\)(?: AS \\w+)?",
            FLAGS);
    private static final Pattern CALLS_SET_CONFIG = Pattern.compile("\\bset_config\\s*\\(", FLAGS);
    private static final Pattern TRANSACTION_CHARACTERISTICS = Pattern.compile(
            "(SESSION CHARACTERISTICS AS |SESSION |LOCAL )?TRANSACTION (.*)", FLAGS);
    private static final Pattern ISOLATION_LEVEL = Pattern.compile(
            "ISOLATION LEVEL (READ UNCOMMITTED|READ COMMITTED|REPEATABLE READ|SERIALIZABLE|SNAPSHOT)", FLAGS);
    private static final Pattern READ_MODE = Pattern.compile("READ (ONLY|WRITE)", FLAGS);
    private static final Pattern SPECIAL_SETTING = Pattern.compile(
            "(ROLE|SESSION AUTHORIZATION|NAMES|CHARACTER SET|CHARSET|TIME ZONE|SCHEMA)(?: TO| =)? (.+)", FLAGS);
    /** {@code [SESSION|LOCAL] name [=|TO|:=] value}, {@code @@session.name = value}, H2's {@code NAME value}. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(SESSION |LOCAL |GLOBAL |PERSIST |PERSIST_ONLY )?(@@(?:SESSION\\.|LOCAL\\.|GLOBAL\\.)?)?(@?[\\w.$]+)"
                    + "(?: ?:?= ?| TO | )(.*)", FLAGS);
    /** Constants only: quoted strings, numbers, names and lists of them. */
    private static final Pattern CONSTANT = Pattern.compile(
            "(?:'(?:[^'\\\\]|''|\\\\.)*'|\"[^\"]*\"|`[^`]*`|[\\w.$+-]+|,| )+", FLAGS);

    private SessionCommands() {
    }

    /** The command, or null when the text is none of the session and transaction forms. */
    public static SessionCommand recognise(String sql, SqlScan scan) {
        String first = scan.firstKeyword();
        if (first == null || scan.multipleStatements()) {
            return null;
        }
        switch (first) {
            case "BEGIN":
            case "START":
            case "COMMIT":
            case "END":
            case "ROLLBACK":
            case "ABORT":
            case "SAVEPOINT":
            case "RELEASE":
            case "XA":
            case "PREPARE":
            case "SET":
            case "USE":
            case "RESET":
            case "DISCARD":
            case "CREATE":
                return read(normalise(sql, scan.dialect()), first, scan.secondKeyword(), scan.dialect());
            case "SELECT":
                return changesSession(sql) ? read(normalise(sql, scan.dialect()), first, scan.secondKeyword(),
                        scan.dialect()) : null;
            default:
                return null;
        }
    }

    private static final Pattern SESSION_STATEMENT = Pattern.compile(
            "(?:^|;) ?(?:SET|USE|RESET|DISCARD|CREATE (?:GLOBAL |LOCAL )?TEMP)\\b|\\bset_config ?\\(", FLAGS);

    /**
     * A text of several statements of which one may change the session: which settings it leaves is not
     * followed, so the session becomes one of its own.
     */
    public static SessionCommand severalStatements(String sql, SqlScan scan) {
        return scan.multipleStatements() && SESSION_STATEMENT.matcher(normalise(sql, scan.dialect())).find()
                ? SessionCommand.setting(Scope.SESSION, "several statements", null) : null;
    }

    /** True when an unhinted SELECT changes the session ({@code set_config}): it must not skip analysis. */
    public static boolean changesSession(String sql) {
        return CALLS_SET_CONFIG.matcher(sql).find();
    }

    @SuppressWarnings("fallthrough") // COMMIT/ROLLBACK other than PREPARED end a transaction as END does
    private static SessionCommand read(String text, String first, String second, Dialect dialect) {
        Matcher m;
        switch (first) {
            case "BEGIN":
            case "START":
                if ("BEGIN".equals(first) && second != null && !BEGIN_SECOND.contains(second)) {
                    return null; // a procedural BEGIN ... END block
                }
                if ("START".equals(first) && !"TRANSACTION".equals(second)) {
                    return null;
                }
                m = BEGIN.matcher(text);
                if (!m.matches()) {
                    return null;
                }
                String modes = m.group(1).toUpperCase(Locale.ROOT);
                Matcher readMode = READ_MODE.matcher(modes);
                return SessionCommand.begin(isolationIn(modes), readMode.find() ? "ONLY".equals(readMode.group(1))
                        : null, modes.contains("CONSISTENT SNAPSHOT"));
            case "COMMIT":
            case "ROLLBACK":
                if ("PREPARED".equals(second)) {
                    return prepared(text);
                }
                // fall through
            case "END":
            case "ABORT":
                if (TO_SAVEPOINT.matcher(text).matches()) {
                    return SessionCommand.of(Action.ROLLBACK_TO_SAVEPOINT);
                }
                m = ENDING.matcher(text);
                if (!m.matches()) {
                    return null;
                }
                boolean commit = "COMMIT".equalsIgnoreCase(m.group(1)) || "END".equalsIgnoreCase(m.group(1));
                boolean chain = text.toUpperCase(Locale.ROOT).contains(" CHAIN") && m.group(2) == null;
                return SessionCommand.ending(commit ? Action.COMMIT : Action.ROLLBACK, chain);
            case "SAVEPOINT":
                return SessionCommand.of(Action.SAVEPOINT);
            case "RELEASE":
                return SessionCommand.of(Action.RELEASE_SAVEPOINT);
            case "XA":
                return xa(text);
            case "PREPARE":
                return "TRANSACTION".equals(second) ? prepared(text) : null;
            case "USE":
                return text.length() > 4 ? SessionCommand.setting(Scope.SESSION, "catalog", text.substring(4)) : null;
            case "RESET":
                return reset(text, second, dialect);
            case "DISCARD":
                if ("ALL".equals(second)) {
                    return SessionCommand.of(Action.DISCARD_ALL);
                }
                return "TEMP".equals(second) || "TEMPORARY".equals(second) ? SessionCommand.of(Action.DISCARD_TEMP)
                        : null;
            case "CREATE":
                m = TEMP_TABLE.matcher(text);
                return m.matches() ? SessionCommand.tempTable(Footprint.normaliseTable(m.group(1))) : null;
            case "SELECT":
                return setConfig(text);
            default:
                return text.length() > 4 ? set(text.substring(4), dialect) : null;
        }
    }

    private static SessionCommand prepared(String text) {
        Matcher m = PREPARED.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String form = m.group(1).toUpperCase(Locale.ROOT);
        Action action = form.startsWith("PREPARE") ? Action.PREPARE_TRANSACTION
                : form.startsWith("COMMIT") ? Action.COMMIT_PREPARED : Action.ROLLBACK_PREPARED;
        return SessionCommand.prepared(action, m.group(2));
    }

    private static SessionCommand xa(String text) {
        Matcher m = XA.matcher(text);
        if (!m.matches()) {
            return null; // XA RECOVER
        }
        String id = m.group(2);
        switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "START":
            case "BEGIN":
                return SessionCommand.prepared(Action.XA_START, id);
            case "END":
                return SessionCommand.prepared(Action.XA_END, id);
            case "PREPARE":
                return SessionCommand.prepared(Action.XA_PREPARE, id);
            case "COMMIT":
                return SessionCommand.prepared(Action.XA_COMMIT, id);
            default:
                return SessionCommand.prepared(Action.XA_ROLLBACK, id);
        }
    }

    private static SessionCommand reset(String text, String second, Dialect dialect) {
        if (second == null || dialect == Dialect.MYSQL) {
            return null; // MySQL's RESET MASTER, RESET QUERY CACHE...: server administration
        }
        if ("ALL".equals(second)) {
            return SessionCommand.of(Action.RESET_SETTINGS);
        }
        return SessionCommand.setting(Scope.SESSION, text.substring(6), "DEFAULT");
    }

    private static SessionCommand setConfig(String text) {
        if (!CALLS_SET_CONFIG.matcher(text).find()) {
            return null;
        }
        Matcher m = SET_CONFIG.matcher(text);
        if (!m.matches()) {
            return SessionCommand.setting(Scope.SESSION, "set_config", null);
        }
        boolean local = "TRUE".equalsIgnoreCase(m.group(3));
        return SessionCommand.setting(local ? Scope.TRANSACTION : Scope.SESSION, m.group(1), m.group(2));
    }

    /** The text after {@code SET }. */
    private static SessionCommand set(String rest, Dialect dialect) {
        if (dialect == Dialect.MYSQL) {
            List<String> assignments = splitTopLevel(rest);
            if (assignments.size() > 1) {
                List<SessionCommand> parts = new ArrayList<>();
                for (String a : assignments) {
                    SessionCommand part = set(a.trim(), dialect);
                    if (part != null) {
                        parts.add(part);
                    }
                }
                return parts.isEmpty() ? null : SessionCommand.several(parts);
            }
        }
        Matcher m = TRANSACTION_CHARACTERISTICS.matcher(rest);
        if (m.matches()) {
            Scope scope = m.group(1) == null || m.group(1).trim().equalsIgnoreCase("LOCAL") && dialect != Dialect.MYSQL
                    ? Scope.TRANSACTION : Scope.SESSION;
            String modes = m.group(2).toUpperCase(Locale.ROOT);
            if (modes.contains("ISOLATION")) {
                return SessionCommand.isolation(scope, isolationIn(modes));
            }
            Matcher readMode = READ_MODE.matcher(modes);
            return readMode.find() ? SessionCommand.readOnly(scope, "ONLY".equals(readMode.group(1)))
                    : SessionCommand.setting(Scope.TRANSACTION, "transaction", modes);
        }
        m = SPECIAL_SETTING.matcher(rest);
        if (m.matches()) {
            return SessionCommand.setting(Scope.SESSION, m.group(1), constant(m.group(2)));
        }
        m = ASSIGNMENT.matcher(rest);
        if (!m.matches()) {
            return SessionCommand.setting(Scope.SESSION, rest, null);
        }
        String modifier = (m.group(1) == null ? "" : m.group(1).trim()) + (m.group(2) == null ? "" : m.group(2));
        String upperModifier = modifier.toUpperCase(Locale.ROOT);
        if (upperModifier.startsWith("GLOBAL") || upperModifier.startsWith("PERSIST")
                || upperModifier.contains("@@GLOBAL.")) {
            return null; // changes other sessions, not this one
        }
        Scope scope = upperModifier.startsWith("LOCAL") && dialect != Dialect.MYSQL ? Scope.TRANSACTION
                : Scope.SESSION;
        String name = m.group(3).toLowerCase(Locale.ROOT);
        String value = m.group(4).trim();
        switch (name) {
            case "autocommit":
                return SessionCommand.autoCommit(onOff(value));
            case "tx_isolation":
            case "transaction_isolation":
            case "default_transaction_isolation":
                boolean current = dialect == Dialect.POSTGRESQL && name.equals("transaction_isolation");
                return SessionCommand.isolation(current ? Scope.TRANSACTION : scope,
                        isolationIn("ISOLATION LEVEL " + unquote(value).replace('-', ' ').toUpperCase(Locale.ROOT)));
            case "tx_read_only":
            case "transaction_read_only":
            case "default_transaction_read_only":
                Boolean on = onOff(value);
                if (on == null) {
                    return SessionCommand.setting(scope, name, null);
                }
                return SessionCommand.readOnly(dialect == Dialect.POSTGRESQL && name.equals("transaction_read_only")
                        ? Scope.TRANSACTION : scope, on);
            default:
                return SessionCommand.setting(scope, name, constant(value));
        }
    }

    /** The value when it is made of constants only, else null (an expression: its result is not known). */
    private static String constant(String value) {
        return value.isEmpty() || !CONSTANT.matcher(value).matches() ? null : value;
    }

    private static Boolean onOff(String value) {
        switch (unquote(value).toUpperCase(Locale.ROOT)) {
            case "1":
            case "ON":
            case "TRUE":
                return Boolean.TRUE;
            case "0":
            case "OFF":
            case "FALSE":
                return Boolean.FALSE;
            default:
                return null; // DEFAULT, an expression, a variable: ask the connection
        }
    }

    private static int isolationIn(String modes) {
        Matcher m = ISOLATION_LEVEL.matcher(modes);
        if (!m.find()) {
            return SessionCommand.UNKNOWN_ISOLATION;
        }
        switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "READ UNCOMMITTED":
                return Connection.TRANSACTION_READ_UNCOMMITTED;
            case "READ COMMITTED":
                return Connection.TRANSACTION_READ_COMMITTED;
            case "REPEATABLE READ":
                return Connection.TRANSACTION_REPEATABLE_READ;
            case "SERIALIZABLE":
                return Connection.TRANSACTION_SERIALIZABLE;
            default:
                return SessionCommand.UNKNOWN_ISOLATION;
        }
    }

    private static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** Splits at commas outside quotes and parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /**
     * The text without comments, trailing semicolons and runs of white space (outside quotes), so that the
     * patterns need only single spaces.
     */
    static String normalise(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean space = false;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#' && dialect == Dialect.MYSQL) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                space = true;
            } else if (c == '\'' || c == '"' || c == '`') {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && dialect == Dialect.MYSQL) {
                        j += 2;
                        continue;
                    }
                    if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.append(sql, i, Math.min(j + 1, n));
                i = j;
            } else if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == ';' || out.charAt(end - 1) == ' ')) {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }
}
