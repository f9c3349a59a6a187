package io.querycache.dependency;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a connection to read the catalog; whoever opens it closes it when the load is done. */
@FunctionalInterface
public interface CatalogConnections {
    Connection open() throws SQLException;
}
