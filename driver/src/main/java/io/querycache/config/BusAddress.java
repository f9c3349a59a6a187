package io.querycache.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a cache's invalidations travel: the parsed {@code querycache.bus}. {@code redis://[user:password@]host[:port][/channel]},
 * {@code rediss://...} (TLS), or {@code postgres[/channel]} (the cache's own database). Its text form hides the
 * password, and so does every message that names it.
 */
public final class BusAddress {

    public enum Kind { REDIS, POSTGRES }

    static final String DEFAULT_CHANNEL = "querycache";

    private final Kind kind;
    private final String host;
    private final int port;
    private final boolean tls;
    private final String user;
    private final String password;
    private final String channel;

    private BusAddress(Kind kind, String host, int port, boolean tls, String user, String password, String channel) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.channel = channel;
    }

    /** @throws IllegalArgumentException with a message that never contains the password */
    public static BusAddress parse(String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("postgres") || lower.startsWith("postgres/")) {
            return new BusAddress(Kind.POSTGRES, null, 0, false, null, null, channel(v.substring("postgres".length())));
        }
        if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
            throw invalid(v, "expected redis://host:port[/channel], rediss://..., or postgres[/channel]");
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw invalid(v, "not a URL");
        }
        if (uri.getHost() == null) {
            throw invalid(v, "no host");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String u = colon < 0 ? "" : decode(info.substring(0, colon));
            user = u.isEmpty() ? null : u;
            password = decode(colon < 0 ? info : info.substring(colon + 1));
        }
        requireJedis(v);
        return new BusAddress(Kind.REDIS, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
                lower.startsWith("rediss:"), user, password, channel(uri.getPath()));
    }

    private static void requireJedis(String value) {
        try {
            Class.forName("redis.clients.jedis.Jedis", false, BusAddress.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw invalid(value, "the Redis bus needs Jedis on the class path (redis.clients:jedis 7.x)");
        }
    }

    private static String channel(String path) {
        String c = path == null ? "" : path.replaceAll("^/+", "").trim();
        return c.isEmpty() ? DEFAULT_CHANNEL : c;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("Invalid value '" + redact(value) + "' for querycache.bus: " + why);
    }

    /** The text with whatever stands between {@code //} and {@code @} replaced by {@code ***}. */
    public static String redact(String value) {
        return value.replaceAll("//[^/@]*@", "//***@");
    }

    public Kind kind() { return kind; }

    public String host() { return host; }

    public int port() { return port; }

    public boolean tls() { return tls; }

    /** The Redis ACL user, or null. */
    public String user() { return user; }

    /** The password, or null; never put it in a message. */
    public String password() { return password; }

    public String channel() { return channel; }

    @Override
    public String toString() {
        if (kind == Kind.POSTGRES) {
            return "postgres/" + channel;
        }
        return (tls ? "rediss://" : "redis://") + (password != null || user != null ? "***@" : "") + host + ":" + port
                + "/" + channel;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusAddress && toString().equals(o.toString())
                && java.util.Objects.equals(password, ((BusAddress) o).password)
                && java.util.Objects.equals(user, ((BusAddress) o).user);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
