package io.querycache.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs a query against the real statement; built once per statement so a cache hit allocates none. */
@FunctionalInterface
interface LiveQuery {
    ResultSet run(String sql) throws SQLException;
}
