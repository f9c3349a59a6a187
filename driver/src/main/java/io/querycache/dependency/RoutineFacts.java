package io.querycache.dependency;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.querycache.sql.Footprint;

/** What the catalog says about a user-defined function or procedure (every overload of the name). Immutable. */
final class RoutineFacts {

    private final boolean mayWrite;
    private final Set<String> writes;
    private final boolean writesUnknown;

    private RoutineFacts(boolean mayWrite, Set<String> writes, boolean writesUnknown) {
        this.mayWrite = mayWrite;
        this.writes = writes;
        this.writesUnknown = writesUnknown;
    }

    /** Proven unable to write (PostgreSQL IMMUTABLE or STABLE). */
    public static RoutineFacts readOnly() {
        return new RoutineFacts(false, Set.of(), false);
    }

    /** May write, and its body could not be read (or not fully understood). */
    public static RoutineFacts writesUnknownTables() {
        return new RoutineFacts(true, Set.of(), true);
    }

    /** May write, and its body visibly writes exactly these tables (and calls no user routine, runs no dynamic SQL). */
    public static RoutineFacts writing(Collection<String> tables) {
        Set<String> names = new LinkedHashSet<>();
        tables.forEach(t -> names.add(Footprint.normaliseTable(t)));
        return new RoutineFacts(true, Collections.unmodifiableSet(names), false);
    }

    public boolean mayWrite() {
        return mayWrite;
    }

    /** The tables its body visibly writes; meaningful only when {@link #writesUnknown()} is false. */
    public Set<String> writes() {
        return writes;
    }

    public boolean writesUnknown() {
        return writesUnknown;
    }

    @Override
    public String toString() {
        return "RoutineFacts{mayWrite=" + mayWrite + ", writes=" + writes + ", writesUnknown=" + writesUnknown + "}";
    }
}
