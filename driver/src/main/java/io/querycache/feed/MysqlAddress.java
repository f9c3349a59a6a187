package io.querycache.feed;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Host, port and credentials of a {@code jdbc:mariadb:} or {@code jdbc:mysql:} URL, for the binlog client. */
final class MysqlAddress {

    final String host;
    final int port;
    final String user;
    final String password;

    private MysqlAddress(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The first host of the URL; user and password from the connection properties, else the URL's. */
    static MysqlAddress of(String jdbcUrl, String user, String password) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("//"));
        int end = firstOf(rest.indexOf('/', 2), rest.indexOf('?'), rest.length());
        String hosts = rest.substring(2, end);
        String first = hosts.split(",")[0];
        int at = first.lastIndexOf('@');
        if (at >= 0) {
            first = first.substring(at + 1);
        }
        URI parsed = URI.create("mysql://" + first);
        String host = parsed.getHost() == null ? "localhost" : parsed.getHost();
        int port = parsed.getPort() < 0 ? 3306 : parsed.getPort();
        String query = rest.contains("?") ? rest.substring(rest.indexOf('?') + 1) : "";
        return new MysqlAddress(host, port, user != null ? user : parameter(query, "user"),
                password != null ? password : parameter(query, "password"));
    }

    private static int firstOf(int a, int b, int otherwise) {
        int min = otherwise;
        for (int i : new int[]{a, b}) {
            if (i >= 0 && i < min) {
                min = i;
            }
        }
        return min;
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("[&;]")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
