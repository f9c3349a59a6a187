package io.querycache.config;

import io.querycache.error.SqlState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code jdbc:querycache:} prefix, and URLs made safe for messages and cache names. */
public final class JdbcUrls {

    public static final String PREFIX = "jdbc:querycache:";

    /** {@code user:secret@} in an authority. */
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?;]*@");
    /** {@code password=...}, {@code pwd=...} and friends after ?, &, ; or : (Oracle thin: user/secret@). */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;:])((?:password|passwd|pwd|secret|sslpassword|sslkeypassword|keystorepassword|truststorepassword)\\s*=)[^&;]*");
    private static final Pattern USER_PARAMETER = Pattern.compile("(?i)([?&;])(?:user|username|uid)\\s*=[^&;]*");
    private static final Pattern ORACLE_CREDENTIALS = Pattern.compile("(?i)(jdbc:oracle:[a-z]+:)[^@/]*/[^@]*@");
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)\\s*(?:user|username|uid|password|passwd|pwd|secret|sslpassword|sslkeypassword|keystorepassword"
                    + "|truststorepassword)\\s*");
    private static final Pattern SQLSERVER_DATABASE = Pattern.compile("(?i)\\s*(?:databaseName|database)\\s*");
    /** The longest address part of a default cache name; a longer one is cut and a digest added. */
    static final int MAX_NAME_ADDRESS = 100;

    private JdbcUrls() {
    }

    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /**
     * The real driver's URL: the exact prefix cut off (never a replace, which would also eat the same text
     * further on).
     */
    public static String target(String url) throws SQLException {
        String target = "jdbc:" + url.substring(PREFIX.length());
        if (target.startsWith(PREFIX)) {
            throw new SQLException("The URL " + redact(url) + " names querycache twice; use " + PREFIX
                    + "<the real driver's URL without jdbc:>, for example jdbc:querycache:postgresql://db/shop",
                    SqlState.UNABLE_TO_CONNECT.code());
        }
        return target;
    }

    /** The URL with every password removed, for messages and logs. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String u = ORACLE_CREDENTIALS.matcher(url).replaceAll("$1***@");
        u = USER_INFO.matcher(u).replaceAll("$1***@");
        return SECRET_PARAMETER.matcher(u).replaceAll("$1$2***");
    }

    /** The URL without any credentials (user or password), for naming a cache. */
    static String withoutCredentials(String url) {
        String u = ORACLE_CREDENTIALS.matcher(url).replaceAll("$1@");
        u = USER_INFO.matcher(u).replaceAll("$1");
        u = SECRET_PARAMETER.matcher(u).replaceAll("$1");
        u = USER_PARAMETER.matcher(u).replaceAll("$1");
        // Tidy the separators left behind: "?&a=1" -> "?a=1", trailing "?", "&&", ";;".
        u = u.replaceAll("([?&;])[?&;]+", "$1").replaceAll("[?&;:]+$", "");
        return u;
    }

    /**
     * The default cache name (SPEC 7): the driver, host(s), port and database without credentials or parameters,
     * plus the user, short and readable, e.g. {@code postgresql://db:5432/shop user=app}. The URL's other
     * parameters (querycache settings already removed) are not written out, but when there are any a short digest
     * of them is added ({@code #1a2b3c4d5e6f}): parameters such as pgjdbc's {@code currentSchema} change what
     * the same query returns, so two URLs that differ in them never share a cache. An address longer than
     * {@value #MAX_NAME_ADDRESS} characters (long host lists) is cut, and the digest covers it too.
     *
     * @param targetUrl the real driver's URL without querycache settings, or null when not known
     */
    public static String defaultCacheName(String targetUrl, String user) {
        String url = targetUrl == null ? "jdbc:unknown" : targetUrl;
        String driver = subProtocol(url);
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int cut = query >= 0 && (semicolon < 0 || driver.equals("postgresql") || driver.equals("mariadb")
                || driver.equals("mysql")) ? query : semicolon;
        String address = withoutCredentials(cut < 0 ? url : url.substring(0, cut));
        address = address.startsWith("jdbc:") ? address.substring(5) : address;
        List<String> parameters = new ArrayList<>();
        if (cut >= 0) {
            for (String p : url.substring(cut + 1).split(url.charAt(cut) == '?' ? "&" : ";")) {
                String name = p.indexOf('=') < 0 ? p : p.substring(0, p.indexOf('='));
                if (p.isEmpty() || CREDENTIAL_NAME.matcher(name).matches()) {
                    continue;
                }
                if (driver.equals("sqlserver") && SQLSERVER_DATABASE.matcher(name).matches()) {
                    address = address + "/" + p.substring(name.length() + 1).trim();
                } else {
                    parameters.add(p);
                }
            }
        }
        Collections.sort(parameters);
        String digested = String.join("&", parameters);
        if (address.length() > MAX_NAME_ADDRESS) {
            digested = address + "?" + digested;
            address = address.substring(0, MAX_NAME_ADDRESS) + "...";
        }
        StringBuilder name = new StringBuilder(address);
        if (!digested.isEmpty()) {
            name.append(" #").append(digest(digested));
        }
        if (user != null && !user.isEmpty()) {
            name.append(" user=").append(user.length() > 64 ? user.substring(0, 64) + "..." : user);
        }
        return name.toString();
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                hex.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The user named in the URL ({@code user=}, {@code user:pw@}), or null. */
    public static String userIn(String url) {
        Matcher m = Pattern.compile("(?i)[?&;](?:user|username|uid)\\s*=([^&;]*)").matcher(url);
        if (m.find()) {
            return m.group(1);
        }
        m = Pattern.compile("//([^/@?;:]+)(?::[^/@?;]*)?@").matcher(url);
        return m.find() ? m.group(1) : null;
    }

    /** The sub-protocol of a real driver URL, lower case: {@code postgresql} for {@code jdbc:postgresql://...}. */
    static String subProtocol(String targetUrl) {
        int end = targetUrl.indexOf(':', 5);
        return (end < 0 ? targetUrl.substring(5) : targetUrl.substring(5, end)).toLowerCase(Locale.ROOT);
    }
}
