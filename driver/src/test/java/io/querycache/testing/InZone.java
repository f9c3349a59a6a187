package io.querycache.testing;

import java.util.TimeZone;

/**
 * Runs a test body with the JVM's default time zone set to a given zone (connections opened inside see it too:
 * pgjdbc sends it as the session's TimeZone), and restores the zone after. Fidelity tests run in UTC and in a zone
 * with daylight saving and local mean time in its past (Europe/Berlin).
 */
public final class InZone {

    /** The zones the fidelity tests run in. */
    public static final String[] ZONES = {"UTC", "Europe/Berlin"};

    /** For {@code @MethodSource}. */
    public static java.util.stream.Stream<String> zones() {
        return java.util.stream.Stream.of(ZONES);
    }

    public interface Body<T> {
        T run() throws Exception;
    }

    private InZone() {
    }

    public static <T> T run(String zone, Body<T> body) throws Exception {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            return body.run();
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
