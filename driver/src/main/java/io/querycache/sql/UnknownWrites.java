package io.querycache.sql;

import java.util.logging.Logger;

/** The INFO advice given once per SQL text for a write whose tables the parser cannot name. */
final class UnknownWrites {

    private static final Logger LOG = Logger.getLogger("io.querycache");

    private UnknownWrites() {
    }

    /** Called once per SQL text: the analysis that calls it is memoized. */
    static void adviseOnce(String sql) {
        LOG.info(() -> "querycache: cannot tell which tables this write changes, so it invalidates every cached"
                + " result that depends on a table; add a hint naming what it touches, e.g. /*cache:key*/: "
                + SqlText.forLog(sql));
    }
}
