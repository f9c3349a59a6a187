package io.querycache.sql;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The advice given for a write whose tables the parser cannot name: at FINE once per SQL text, since DDL it cannot
 * read is common and harmless (a migration at start, when little is cached); at WARNING once in all for the first
 * such change of rows (INSERT, UPDATE, DELETE, MERGE...), which applications run again and again, each time
 * invalidating every cached result that depends on a table.
 */
final class UnknownWrites {

    private static final Logger LOG = Logger.getLogger("io.querycache");
    private static final AtomicBoolean DATA_CHANGE_WARNED = new AtomicBoolean();
    /** First words of the writes that change rows, which applications run again and again. */
    private static final Set<String> DATA_CHANGES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE",
            "UPSERT", "WITH");

    private UnknownWrites() {
    }

    /** Called once per SQL text: the analysis that calls it is memoized. */
    static void adviseOnce(String sql, String firstKeyword) {
        if (DATA_CHANGES.contains(String.valueOf(firstKeyword)) && DATA_CHANGE_WARNED.compareAndSet(false, true)) {
            LOG.warning(() -> "querycache: cannot tell which tables this write changes, so each time it runs it"
                    + " invalidates every cached result that depends on a table; add a hint naming what it touches,"
                    + " e.g. /*cache:key*/ (said once; FINE names each such statement): " + SqlText.forLog(sql));
            return;
        }
        LOG.fine(() -> "querycache: cannot tell which tables this write changes, so it invalidates every cached"
                + " result that depends on a table; add a hint naming what it touches, e.g. /*cache:key*/: "
                + SqlText.forLog(sql));
    }
}
