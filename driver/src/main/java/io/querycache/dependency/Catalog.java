package io.querycache.dependency;

import java.sql.SQLException;

/**
 * What the database says about one name (a table, view or routine), read on demand. Names passed in and
 * returned are normalised as {@code Footprint.normaliseTable} does: lower case, unquoted, unqualified.
 */
interface Catalog {

    /** The facts of every table or view of this name in any non-system schema; empty facts when there is none. */
    TableFacts table(String name) throws SQLException;

    /** The user-defined function or procedure of this name, or null when there is none (a built-in). */
    RoutineFacts routine(String name) throws SQLException;
}
