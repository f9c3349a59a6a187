package io.querycache.config;

import java.util.Locale;

/** Every {@code querycache.*} property: its name, default, accepted form and meaning. */
public enum ConfigProperty {

    ENABLED("querycache.enabled", "true", "true or false",
            "false turns the driver into a pure pass-through: hints are ignored, nothing is cached"),
    NAME("querycache.name", "", "any non-blank text",
            "names the cache; connections with the same name share it (default: driver, host, database and user)"),
    STRICT_HINTS("querycache.strictHints", "true", "true or false",
            "false: a malformed hint is logged once per SQL text and the statement runs uncached"),
    AUTO_INVALIDATE("querycache.autoInvalidate", "true", "true or false",
            "a write also invalidates the tables it writes, found by parsing it"),
    EXPIRY("querycache.expiry", "sliding", "sliding or absolute",
            "sliding: every hit restarts the TTL; absolute: the TTL counts from the load"),
    MAX_ROWS_PER_ENTRY("querycache.maxRowsPerEntry", "10000", "a positive integer",
            "results with more rows are returned whole but not cached"),
    MAX_BYTES_PER_ENTRY("querycache.maxBytesPerEntry", "4m", "a positive size: bytes, or a number with k, m or g (KiB, MiB, GiB)",
            "results estimated larger are returned whole but not cached"),
    MAX_BYTES("querycache.maxBytes", "64m", "a positive size: bytes, or a number with k, m or g (KiB, MiB, GiB)",
            "bound on the estimated bytes of the whole cache (frequency-aware eviction)"),
    VOLATILE_FUNCTIONS("querycache.volatileFunctions", "warn", "warn, error or allow",
            "what to do with a hinted query that calls now(), random(), nextval()..."),
    DEPENDENCIES("querycache.dependencies", "", "rules X=>Y,Z separated by ';' (tables, views, functions)",
            "dependencies the catalog cannot show: when X changes (a function: when it is called), Y and Z may change"),
    BUS("querycache.bus", "", "redis://[user:password@]host[:port][/channel], rediss://..., or postgres[/channel]",
            "carries committed invalidations to the other processes with a cache of the same name (docs/bus.md)"),
    CHANGE_FEED("querycache.changeFeed", "none", "none or replication",
            "replication: read the database's committed change stream (PostgreSQL logical replication, MariaDB/MySQL"
                    + " row binlog) so writes from any client invalidate; see docs/change-feed.md"),
    CHANGE_FEED_MAX_LAG("querycache.changeFeed.maxLag", "1s", "a positive duration: milliseconds, or a number with ms or s",
            "when the change feed falls further behind than this, the cache serves no hits until it catches up");

    private final String key;
    private final String defaultValue;
    private final String acceptedForm;
    private final String description;

    ConfigProperty(String key, String defaultValue, String acceptedForm, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.acceptedForm = acceptedForm;
        this.description = description;
    }

    public String key() { return key; }

    public String defaultValue() { return defaultValue; }

    public String acceptedForm() { return acceptedForm; }

    public String description() { return description; }

    /**
     * True for the settings of the cache itself, fixed by the connection that creates it: a connection that
     * joins the cache must ask for the same values. The others apply to each connection on its own.
     */
    boolean cacheLevel() {
        switch (this) {
            case MAX_BYTES:
            case EXPIRY:
            case DEPENDENCIES:
            case BUS:
            case CHANGE_FEED:
            case CHANGE_FEED_MAX_LAG:
                return true;
            default:
                return false;
        }
    }

    /** The property of that exact name, or null. */
    public static ConfigProperty named(String key) {
        for (ConfigProperty p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }

    /** All names, comma-separated, for error messages. */
    static String knownNames() {
        StringBuilder names = new StringBuilder();
        for (ConfigProperty p : values()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(p.key);
        }
        return names.toString();
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
