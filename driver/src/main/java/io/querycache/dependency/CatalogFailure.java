package io.querycache.dependency;

import java.util.regex.Pattern;

/** Why a catalog could not be read, as one line fit for a log: never a password. */
final class CatalogFailure {

    private static final Pattern SECRET =
            Pattern.compile("(?i)(password|passwd|pwd|secret|token)(\\s*[=:]\\s*)[^\\s&;,)]+");

    private CatalogFailure() {
    }

    static String reason(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        if (e instanceof java.sql.SQLException && ((java.sql.SQLException) e).getSQLState() != null) {
            message += " [SQLState " + ((java.sql.SQLException) e).getSQLState() + "]";
        }
        return SECRET.matcher(e.getClass().getName() + message).replaceAll("$1$2***");
    }
}
