package io.querycache.config;

import io.querycache.error.SqlState;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code querycache.*} settings written in a real driver's URL, in that driver's own syntax, and the URL
 * without them: exactly the URL the real driver would have had if the settings had never been written there.
 * <ul>
 *   <li>Query form ({@code ?a=1&b=2}: PostgreSQL, MariaDB, MySQL, Oracle and any URL with a {@code ?}):
 *       names and values are URL-decoded, as pgjdbc and the MariaDB driver decode theirs.</li>
 *   <li>Semicolon form ({@code ;a=1;b=2}: H2, SQL Server, HSQLDB, Derby, and a URL with no {@code ?}): values
 *       are taken as written; {@code \;} (H2) and {@code {...}} (SQL Server) keep a semicolon inside a value.</li>
 * </ul>
 * A parameter is a setting when its name starts with {@code querycache.} (in any case); text inside another
 * parameter's value is never one.
 */
public final class UrlSettings {

    private static final String OURS = "querycache.";
    private static final Set<String> SEMICOLON_DRIVERS = Set.of("h2", "sqlserver", "jtds", "hsqldb", "derby");
    private static final Set<String> QUERY_DRIVERS = Set.of("postgresql", "pgsql", "mariadb", "mysql", "oracle");

    private final String url;
    private final Map<String, String> settings;

    private UrlSettings(String url, Map<String, String> settings) {
        this.url = url;
        this.settings = settings;
    }

    /** The real driver's URL without the settings. */
    public String url() {
        return url;
    }

    /** The settings by name, decoded, in URL order. */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Splits a real driver's URL ({@code jdbc:<rest>}).
     *
     * @throws SQLException naming the setting when one is written twice with different values, has no value,
     *                      or cannot be URL-decoded
     */
    public static UrlSettings split(String targetUrl) throws SQLException {
        String driver = JdbcUrls.subProtocol(targetUrl);
        int query = targetUrl.indexOf('?');
        boolean semicolons = SEMICOLON_DRIVERS.contains(driver)
                || (!QUERY_DRIVERS.contains(driver) && query < 0);
        if (!targetUrl.toLowerCase(Locale.ROOT).contains(OURS)) {
            return new UrlSettings(targetUrl, Collections.emptyMap());
        }
        return semicolons ? semicolonForm(targetUrl, driver) : queryForm(targetUrl, query);
    }

    private static UrlSettings queryForm(String url, int query) throws SQLException {
        if (query < 0) {
            return new UrlSettings(url, Collections.emptyMap());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        StringBuilder kept = new StringBuilder(url.length()).append(url, 0, query);
        int start = query + 1;
        boolean first = true;
        while (start <= url.length()) {
            int end = url.indexOf('&', start);
            if (end < 0) {
                end = url.length();
            }
            String parameter = url.substring(start, end);
            String name = nameOf(parameter);
            if (isOurs(name)) {
                name = decode(name, parameter);
                add(settings, name, decode(valueOf(parameter, name), parameter), parameter);
            } else {
                kept.append(first ? '?' : '&').append(parameter);
                first = false;
            }
            start = end + 1;
        }
        return new UrlSettings(kept.toString(), Collections.unmodifiableMap(settings));
    }

    private static UrlSettings semicolonForm(String url, String driver) throws SQLException {
        boolean braces = driver.equals("sqlserver") || driver.equals("jtds");
        int first = separator(url, 0, braces);
        if (first < 0) {
            return new UrlSettings(url, Collections.emptyMap());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        StringBuilder kept = new StringBuilder(url.length()).append(url, 0, first);
        int start = first + 1;
        while (start <= url.length()) {
            int end = separator(url, start, braces);
            if (end < 0) {
                end = url.length();
            }
            String parameter = url.substring(start, end);
            String name = nameOf(parameter).trim();
            if (isOurs(name)) {
                add(settings, name, valueOf(parameter, name), parameter);
            } else {
                kept.append(';').append(parameter);
            }
            start = end + 1;
        }
        return new UrlSettings(kept.toString(), Collections.unmodifiableMap(settings));
    }

    /** The next {@code ;} at or after {@code from} that separates parameters, or -1. */
    private static int separator(String url, int from, boolean braces) {
        boolean inBraces = false;
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\\' && i + 1 < url.length()) {
                i++;
            } else if (braces && c == '{') {
                inBraces = true;
            } else if (braces && c == '}') {
                inBraces = false;
            } else if (c == ';' && !inBraces) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isOurs(String name) {
        return name.regionMatches(true, 0, OURS, 0, OURS.length());
    }

    private static String nameOf(String parameter) {
        int eq = parameter.indexOf('=');
        return eq < 0 ? parameter : parameter.substring(0, eq);
    }

    private static String valueOf(String parameter, String name) throws SQLException {
        int eq = parameter.indexOf('=');
        if (eq < 0) {
            throw new SQLException("The URL names " + name + " without a value: write " + name + "=<value>"
                    + accepted(name), SqlState.INVALID_ATTRIBUTE_VALUE.code());
        }
        return parameter.substring(eq + 1);
    }

    private static void add(Map<String, String> settings, String name, String value, String parameter)
            throws SQLException {
        String previous = settings.putIfAbsent(name, value);
        if (previous != null && !previous.equals(value)) {
            throw new SQLException("The URL sets " + name + " twice, to '" + shown(name, previous) + "' and '"
                    + shown(name, value) + "': write it once", SqlState.INVALID_ATTRIBUTE_VALUE.code());
        }
    }

    private static String decode(String text, String parameter) throws SQLException {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text, "UTF-8");
        } catch (IllegalArgumentException | UnsupportedEncodingException e) {
            String name = nameOf(parameter);
            throw new SQLException("The URL parameter " + (isOurs(name) ? name : "'" + name + "'")
                    + " is not URL-encoded correctly (" + e.getMessage() + "): write a '%' as %25",
                    SqlState.INVALID_ATTRIBUTE_VALUE.code());
        }
    }

    /** The value for a message: a bus address may carry a password. */
    static String shown(String name, String value) {
        return ConfigProperty.BUS.key().equals(name) ? JdbcUrls.redact("jdbc:x:" + value).substring(7) : value;
    }

    private static String accepted(String name) {
        ConfigProperty p = ConfigProperty.named(name);
        return p == null ? "" : " (" + p.acceptedForm() + ")";
    }
}
