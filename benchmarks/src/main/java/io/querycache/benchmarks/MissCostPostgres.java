package io.querycache.benchmarks;

/**
 * {@link MissCost} against PostgreSQL on loopback (skipped with a message when no server): the same capture
 * beside a query that crosses a socket. Target: ratio <= 1.3.
 */
public class MissCostPostgres extends MissCost {

    @Override
    String url() {
        Catalogue.requirePostgres();
        return Catalogue.POSTGRES_URL;
    }
}
