package io.querycache.dependency;

import java.util.Locale;

/** Picks the catalog reader for a JDBC URL. */
public final class Catalogs {

    private Catalogs() {
    }

    /**
     * The catalog of the database at this URL (the target's, or querycache's own {@code jdbc:querycache:...}):
     * PostgreSQL, MariaDB/MySQL and H2 read their own system tables; anything else only DatabaseMetaData.
     */
    public static Catalog forUrl(String jdbcUrl, CatalogConnections connections) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:querycache:")) {
            url = "jdbc:" + url.substring("jdbc:querycache:".length());
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresCatalog(connections);
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MariadbCatalog(connections);
        }
        if (url.startsWith("jdbc:h2:")) {
            return new H2Catalog(connections);
        }
        return new GenericCatalog(connections);
    }
}
