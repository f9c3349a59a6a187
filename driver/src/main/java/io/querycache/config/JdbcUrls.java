package io.querycache.config;

import io.querycache.error.SqlState;

import java.sql.SQLException;
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
    public static String withoutCredentials(String url) {
        String u = ORACLE_CREDENTIALS.matcher(url).replaceAll("$1@");
        u = USER_INFO.matcher(u).replaceAll("$1");
        u = SECRET_PARAMETER.matcher(u).replaceAll("$1");
        u = USER_PARAMETER.matcher(u).replaceAll("$1");
        // Tidy the separators left behind: "?&a=1" -> "?a=1", trailing "?", "&&", ";;".
        u = u.replaceAll("([?&;])[?&;]+", "$1").replaceAll("[?&;:]+$", "");
        return u;
    }

    /** The user named in the URL ({@code user=}, {@code user:pw@}), or null. */
    public static String userIn(String url) {
        java.util.regex.Matcher m = Pattern.compile("(?i)[?&;](?:user|username|uid)\\s*=([^&;]*)").matcher(url);
        if (m.find()) {
            return m.group(1);
        }
        m = Pattern.compile("//([^/@?;:]+)(?::[^/@?;]*)?@").matcher(url);
        return m.find() ? m.group(1) : null;
    }
}
