package io.querycache.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.querycache.sql.Footprint;

/**
 * The edges of {@code querycache.dependencies}: {@code X=>Y,Z; A=>B} means "when X changes (a function: when it
 * is called), what Y and Z return may change". One graph for tables, views and functions. Immutable.
 */
public final class DeclaredDependencies {

    private static final DeclaredDependencies NONE = new DeclaredDependencies(Map.of(), Map.of());

    private static final String PART = "(?:[\\p{L}_][\\p{L}\\p{N}_$]*|\"[^\"]+\"|`[^`]+`)";
    private static final Pattern NAME = Pattern.compile(PART + "(?:\\." + PART + ")*");

    private final Map<String, Set<String>> targets;
    private final Map<String, Set<String>> sources;

    private DeclaredDependencies(Map<String, Set<String>> targets, Map<String, Set<String>> sources) {
        this.targets = targets;
        this.sources = sources;
    }

    public static DeclaredDependencies none() {
        return NONE;
    }

    /**
     * Parses the property's value; null or blank means none.
     *
     * @throws IllegalArgumentException quoting the value and naming the malformed rule
     */
    public static DeclaredDependencies parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        Map<String, Set<String>> sources = new LinkedHashMap<>();
        String[] rules = value.split(";", -1);
        for (int i = 0; i < rules.length; i++) {
            String rule = rules[i].trim();
            if (rule.isEmpty()) {
                continue; // "a=>b;" and "a=>b;;c=>d" are fine
            }
            String[] sides = rule.split("=>", -1);
            if (sides.length == 1) {
                throw malformed(value, i, rule, "no \"=>\"");
            }
            if (sides.length > 2) {
                throw malformed(value, i, rule, "\"=>\" more than once");
            }
            Set<String> from = names(value, i, rule, sides[0], "left");
            Set<String> to = names(value, i, rule, sides[1], "right");
            for (String f : from) {
                for (String t : to) {
                    targets.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(t);
                    sources.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(f);
                }
            }
        }
        return new DeclaredDependencies(frozen(targets), frozen(sources));
    }

    private static Set<String> names(String value, int index, String rule, String side, String which) {
        if (side.isBlank()) {
            throw malformed(value, index, rule, "empty " + which + " side");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String raw : side.split(",", -1)) {
            String name = raw.trim();
            if (name.isEmpty()) {
                throw malformed(value, index, rule, "empty name on the " + which + " side");
            }
            if (!NAME.matcher(name).matches()) {
                throw malformed(value, index, rule, "bad characters in name \"" + name
                        + "\" (letters, digits, _ and $, optionally qualified with dots or quoted)");
            }
            names.add(Footprint.normaliseTable(name));
        }
        return names;
    }

    private static IllegalArgumentException malformed(String value, int index, String rule, String what) {
        return new IllegalArgumentException("querycache.dependencies=\"" + value + "\": rule " + (index + 1)
                + " \"" + rule + "\": " + what + "; expected X=>Y,Z; A=>B");
    }

    private static Map<String, Set<String>> frozen(Map<String, Set<String>> edges) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        edges.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** What a change to (a call of) this normalised name may change; empty when nothing is declared. */
    public Set<String> targetsOf(String name) {
        return targets.getOrDefault(name, Set.of());
    }

    /** Whether some rule names what this function (or table) depends on ({@code X=>name}). */
    public boolean hasSources(String name) {
        return sources.containsKey(name);
    }

    public boolean hasTargets(String name) {
        return targets.containsKey(name);
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    @Override
    public String toString() {
        return targets.toString();
    }
}
