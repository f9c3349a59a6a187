package io.querycache.config;

import io.querycache.error.SqlState;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The resolved {@code querycache.*} settings. Each property is taken from the first of: the URL, the
 * {@code Properties} given to {@code connect} (HikariCP's dataSourceProperties), the system properties, and a
 * {@code querycache.properties} file on the class path. The URL and the Properties may both name a setting
 * only with the same value (docs/configuration.md).
 */
public final class QueryCacheConfig {

    /** The name of the optional class-path file. */
    static final String FILE = "querycache.properties";

    public enum Expiry { SLIDING, ABSOLUTE }

    public enum VolatileFunctions { WARN, ERROR, ALLOW }

    public enum ChangeFeed { NONE, REPLICATION }

    private static final String URL = "the URL";
    private static final String PROPERTIES = "the connection properties";

    private static volatile Properties classPathFile;

    private final boolean enabled;
    private final String name;
    private final boolean strictHints;
    private final boolean autoInvalidate;
    private final Expiry expiry;
    private final int maxRowsPerEntry;
    private final long maxBytesPerEntry;
    private final long maxBytes;
    private final VolatileFunctions volatileFunctions;
    private final DeclaredDependencies dependencies;
    private final BusAddress bus;
    private final ChangeFeed changeFeed;
    private final long changeFeedMaxLagMillis;
    /** The value of each setting as given, and where it came from ("the URL", ...; absent for defaults). */
    private final Map<ConfigProperty, String> values;
    private final Map<ConfigProperty, String> sources;

    private QueryCacheConfig(Map<ConfigProperty, String> values, Map<ConfigProperty, String> sources)
            throws SQLException {
        this.values = values;
        this.sources = sources;
        try {
            enabled = bool(ConfigProperty.ENABLED, values);
            String n = values.get(ConfigProperty.NAME).trim();
            name = n.isEmpty() ? null : n;
            strictHints = bool(ConfigProperty.STRICT_HINTS, values);
            autoInvalidate = bool(ConfigProperty.AUTO_INVALIDATE, values);
            expiry = choice(ConfigProperty.EXPIRY, values, Expiry.class);
            maxRowsPerEntry = (int) positive(ConfigProperty.MAX_ROWS_PER_ENTRY, values, false, Integer.MAX_VALUE);
            maxBytesPerEntry = positive(ConfigProperty.MAX_BYTES_PER_ENTRY, values, true, Long.MAX_VALUE);
            maxBytes = positive(ConfigProperty.MAX_BYTES, values, true, Long.MAX_VALUE);
            volatileFunctions = choice(ConfigProperty.VOLATILE_FUNCTIONS, values, VolatileFunctions.class);
            changeFeed = choice(ConfigProperty.CHANGE_FEED, values, ChangeFeed.class);
            changeFeedMaxLagMillis = millis(ConfigProperty.CHANGE_FEED_MAX_LAG, values);
            try {
                dependencies = DeclaredDependencies.parse(values.get(ConfigProperty.DEPENDENCIES));
            } catch (IllegalArgumentException e) {
                throw new SQLException(e.getMessage(), SqlState.INVALID_ATTRIBUTE_VALUE.code(), e);
            }
            String b = values.get(ConfigProperty.BUS).trim();
            try {
                bus = b.isEmpty() ? null : BusAddress.parse(b);
            } catch (IllegalArgumentException e) {
                // The message hides the password: no cause that could carry it.
                throw new SQLException(e.getMessage(), SqlState.INVALID_ATTRIBUTE_VALUE.code());
            }
        } catch (SQLException e) {
            throw withSource(e, sources);
        }
    }

    /** The message names where the bad setting came from, when it was not a default. */
    private static SQLException withSource(SQLException e, Map<ConfigProperty, String> sources) {
        for (Map.Entry<ConfigProperty, String> source : sources.entrySet()) {
            String key = source.getKey().key();
            if (e.getMessage() != null && (e.getMessage().contains(key + ":") || e.getMessage().contains(key + "="))) {
                return new SQLException(e.getMessage() + " (set in " + source.getValue() + ")", e.getSQLState(),
                        e.getCause());
            }
        }
        return e;
    }

    /** The configuration and the properties for the real driver. */
    public static final class Resolved {
        private final QueryCacheConfig config;
        private final Properties forDriver;

        Resolved(QueryCacheConfig config, Properties forDriver) {
            this.config = config;
            this.forDriver = forDriver;
        }

        public QueryCacheConfig config() { return config; }

        /** A copy of the connect properties without any {@code querycache.*} entry. */
        public Properties forDriver() { return forDriver; }
    }

    /**
     * Resolves the settings for a connection. The caller's Properties are not modified.
     *
     * @throws SQLException naming the property when a name is unknown or a value is malformed
     */
    public static Resolved resolve(Properties connectProperties) throws SQLException {
        return resolve(connectProperties, Collections.emptyMap());
    }

    /**
     * Resolves the settings for a connection whose URL carried {@code urlSettings} ({@link UrlSettings}). A
     * setting both in the URL and in the Properties must have the same value there.
     *
     * @throws SQLException naming the property when a name is unknown, a value is malformed, or the URL and the
     *                      Properties disagree
     */
    public static Resolved resolve(Properties connectProperties, Map<String, String> urlSettings)
            throws SQLException {
        Properties forDriver = new Properties();
        Map<ConfigProperty, String> values = new EnumMap<>(ConfigProperty.class);
        Map<ConfigProperty, String> sources = new EnumMap<>(ConfigProperty.class);
        for (Map.Entry<String, String> setting : urlSettings.entrySet()) {
            ConfigProperty p = known(setting.getKey(), setting.getValue(), URL);
            values.put(p, setting.getValue());
            sources.put(p, URL);
        }
        if (connectProperties != null) {
            for (String key : connectProperties.stringPropertyNames()) {
                if (isOurs(key)) {
                    String value = connectProperties.getProperty(key);
                    ConfigProperty p = known(key, value, PROPERTIES);
                    String inUrl = values.get(p);
                    if (inUrl != null && !inUrl.trim().equals(value.trim())) {
                        throw new SQLException(key + " is set twice, to '" + UrlSettings.shown(key, inUrl)
                                + "' in the URL and to '" + UrlSettings.shown(key, value) + "' in " + PROPERTIES
                                + ": set it in one place",
                                SqlState.INVALID_ATTRIBUTE_VALUE.code());
                    }
                    values.put(p, value);
                    sources.putIfAbsent(p, PROPERTIES);
                } else {
                    forDriver.setProperty(key, connectProperties.getProperty(key));
                }
            }
            // Non-String values (rare, but Properties allows them) reach the real driver untouched.
            for (Map.Entry<Object, Object> e : connectProperties.entrySet()) {
                if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                    forDriver.put(e.getKey(), e.getValue());
                }
            }
        }
        fill(values, sources, System.getProperties(), "the system properties");
        fill(values, sources, classPathFile(), "the class-path file " + FILE);
        for (ConfigProperty p : ConfigProperty.values()) {
            values.putIfAbsent(p, p.defaultValue());
        }
        return new Resolved(new QueryCacheConfig(values, sources), forDriver);
    }

    private static void fill(Map<ConfigProperty, String> values, Map<ConfigProperty, String> sources,
                             Properties source, String where) throws SQLException {
        for (String key : source.stringPropertyNames()) {
            if (isOurs(key)) {
                ConfigProperty p = known(key, source.getProperty(key), where);
                if (values.putIfAbsent(p, source.getProperty(key)) == null) {
                    sources.put(p, where);
                }
            }
        }
    }

    private static boolean isOurs(String key) {
        return key.startsWith("querycache.");
    }

    private static ConfigProperty known(String key, String value, String where) throws SQLException {
        ConfigProperty p = ConfigProperty.named(key);
        if (p == null) {
            throw new SQLException("Unknown querycache property '" + key + "' in " + where + " (value '"
                    + UrlSettings.shown(ConfigProperty.BUS.key(), value) + "')"
                    + "; the known properties are: " + ConfigProperty.knownNames(), SqlState.INVALID_ATTRIBUTE_VALUE.code());
        }
        return p;
    }

    private static Properties classPathFile() throws SQLException {
        Properties loaded = classPathFile;
        if (loaded == null) {
            loaded = new Properties();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = QueryCacheConfig.class.getClassLoader();
            }
            try (InputStream in = loader.getResourceAsStream(FILE)) {
                if (in != null) {
                    loaded.load(in);
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new SQLException("Cannot read the class-path file " + FILE + ": " + e.getMessage(),
                        SqlState.INVALID_ATTRIBUTE_VALUE.code(), e);
            }
            classPathFile = loaded;
        }
        return loaded;
    }

    private static SQLException badValue(ConfigProperty p, String value) {
        return new SQLException("Invalid value '" + value + "' for " + p.key() + ": expected " + p.acceptedForm(),
                SqlState.INVALID_ATTRIBUTE_VALUE.code());
    }

    private static boolean bool(ConfigProperty p, Map<ConfigProperty, String> values) throws SQLException {
        String v = values.get(p).trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw badValue(p, values.get(p));
    }

    private static <E extends Enum<E>> E choice(ConfigProperty p, Map<ConfigProperty, String> values, Class<E> type)
            throws SQLException {
        String v = values.get(p).trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw badValue(p, values.get(p));
    }

    private static long positive(ConfigProperty p, Map<ConfigProperty, String> values, boolean size, long max)
            throws SQLException {
        String raw = values.get(p);
        String v = raw.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (size) {
            String[][] suffixes = {{"kib", "1024"}, {"kb", "1024"}, {"k", "1024"}, {"mib", "1048576"},
                    {"mb", "1048576"}, {"m", "1048576"}, {"gib", "1073741824"}, {"gb", "1073741824"},
                    {"g", "1073741824"}};
            for (String[] s : suffixes) {
                if (v.endsWith(s[0])) {
                    v = v.substring(0, v.length() - s[0].length()).trim();
                    unit = Long.parseLong(s[1]);
                    break;
                }
            }
        }
        if (v.isEmpty() || !v.chars().allMatch(Character::isDigit)) {
            throw badValue(p, raw);
        }
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(v), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw badValue(p, raw);
        }
        if (n <= 0 || n > max) {
            throw badValue(p, raw);
        }
        return n;
    }

    /** A duration: milliseconds, or a number with ms or s. */
    private static long millis(ConfigProperty p, Map<ConfigProperty, String> values) throws SQLException {
        String raw = values.get(p);
        String v = raw.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("ms")) {
            v = v.substring(0, v.length() - 2).trim();
        } else if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1).trim();
            unit = 1000;
        }
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(Character::isDigit) || Long.parseLong(v) == 0) {
            throw badValue(p, raw);
        }
        return Long.parseLong(v) * unit;
    }

    /**
     * Requires that a connection with these settings may join {@code cache}, created with {@code existing}: every
     * cache-level setting ({@link ConfigProperty#cacheLevel()}) must have the same value.
     *
     * @throws SQLException naming the first setting that differs and both values
     */
    public void requireSameCacheSettings(QueryCacheConfig existing, String cache) throws SQLException {
        for (ConfigProperty p : ConfigProperty.values()) {
            if (p.cacheLevel() && !canonical(p).equals(existing.canonical(p))) {
                throw new SQLException(p.key() + " differs from the cache '" + cache + "' this connection joins: the"
                        + " cache has '" + existing.shown(p) + "'" + existing.from(p) + ", this connection asks for '"
                        + shown(p) + "'" + from(p) + ". Connections"
                        + " of one cache share its settings: give both the same value, or give this connection"
                        + " its own querycache.name", SqlState.INVALID_ATTRIBUTE_VALUE.code());
            }
        }
    }

    /** A cache-level setting's value in one form, so that 64m and 67108864 agree. */
    private String canonical(ConfigProperty p) {
        switch (p) {
            case MAX_BYTES: return Long.toString(maxBytes);
            case EXPIRY: return expiry.name();
            case CHANGE_FEED: return changeFeed.name();
            case CHANGE_FEED_MAX_LAG: return Long.toString(changeFeedMaxLagMillis);
            default: return values.get(p).trim();
        }
    }

    private String shown(ConfigProperty p) {
        String v = values.get(p).trim();
        return v.isEmpty() ? "none" : UrlSettings.shown(p.key(), v);
    }

    private String from(ConfigProperty p) {
        String source = sources.get(p);
        return source == null ? " (the default)" : " (from " + source + ")";
    }

    public boolean enabled() { return enabled; }

    /** The explicit cache name, or null. */
    public String name() { return name; }

    public boolean strictHints() { return strictHints; }

    public boolean autoInvalidate() { return autoInvalidate; }

    public Expiry expiry() { return expiry; }

    public int maxRowsPerEntry() { return maxRowsPerEntry; }

    public long maxBytesPerEntry() { return maxBytesPerEntry; }

    public long maxBytes() { return maxBytes; }

    public VolatileFunctions volatileFunctions() { return volatileFunctions; }

    /** {@code querycache.dependencies}: edges the catalog cannot show. */
    public DeclaredDependencies dependencies() { return dependencies; }

    /** {@code querycache.bus}: where invalidations travel between processes, or null. */
    public BusAddress bus() { return bus; }
    /** {@code querycache.changeFeed}: whether each cache reads the database's change stream. */
    public ChangeFeed changeFeed() { return changeFeed; }

    /** {@code querycache.changeFeed.maxLag}, in milliseconds. */
    public long changeFeedMaxLagMillis() { return changeFeedMaxLagMillis; }

    /** The settings that shape a cache, for its one INFO line: no password (the bus address hides it). */
    public String summary() {
        return "maxBytes=" + maxBytes + ", maxRowsPerEntry=" + maxRowsPerEntry + ", maxBytesPerEntry="
                + maxBytesPerEntry + ", expiry=" + lower(expiry) + ", strictHints=" + strictHints + ", autoInvalidate="
                + autoInvalidate + ", volatileFunctions=" + lower(volatileFunctions)
                + (dependencies.isEmpty() ? "" : ", dependencies=" + dependencies)
                + ", bus=" + (bus == null ? "none" : bus.toString())
                + ", changeFeed=" + lower(changeFeed)
                + (changeFeed == ChangeFeed.NONE ? "" : " (maxLag=" + changeFeedMaxLagMillis + "ms)");
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
