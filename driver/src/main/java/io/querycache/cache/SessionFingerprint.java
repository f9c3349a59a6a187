package io.querycache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Everything in a connection's session that changes what the same SQL text returns (SPEC 7), as one immutable
 * value that is part of every cache key. Fingerprints are interned: two sessions described alike share one
 * instance, so keys compare them by reference. A session that cannot be described with certainty gets a
 * fingerprint of its own that equals no other.
 */
public final class SessionFingerprint {

    /** The session as it was when the connection was made. */
    static final SessionFingerprint INITIAL = new SessionFingerprint("", false);

    /** Weak values: a fingerprint lives as long as a connection or a cache key holds it. */
    private static final Cache<String, SessionFingerprint> INTERNED = Caffeine.newBuilder().weakValues()
            .executor(Runnable::run).build();

    private final String description;
    private final boolean unique;

    private SessionFingerprint(String description, boolean unique) {
        this.description = description;
        this.unique = unique;
    }

    /** The shared fingerprint of a session described so (settings in the order they were last set). */
    static SessionFingerprint of(String description) {
        return description.isEmpty() ? INITIAL
                : INTERNED.get(description, d -> new SessionFingerprint(d, false));
    }

    /** A fingerprint no other session has. */
    static SessionFingerprint unique(String description) {
        return new SessionFingerprint(description, true);
    }

    public boolean isInitial() {
        return this == INITIAL;
    }

    /** True when no other connection can share this session's entries. */
    boolean isUnique() {
        return unique;
    }

    /** The settings' names, never their values (a tenant id or role can be personal data). */
    @Override
    public String toString() {
        if (this == INITIAL) {
            return "session{initial}";
        }
        StringBuilder names = new StringBuilder(unique ? "session{unique" : "session{");
        for (String entry : description.split(SessionSettings.ENTRY_END)) {
            int sep = entry.indexOf(SessionSettings.NAME_END);
            if (sep > 0) {
                names.append(names.charAt(names.length() - 1) == '{' ? "" : " ").append(entry, 0, sep);
            }
        }
        return names.append('}').toString();
    }
}
