package io.querycache.jdbc;

import io.querycache.sql.SqlAnalysis;

import java.sql.CallableStatement;

/**
 * A callable statement of a querycache connection: never cached; what it calls is treated as a write whose
 * tables are unknown (every table-dependent entry is invalidated when it commits) unless its hint names keys.
 */
public final class ProxyCallableStatement extends DelegatingCallableStatement {

    ProxyCallableStatement(ProxyConnection connection, CallableStatement delegate, String sql, SqlAnalysis analysis,
                           int resultSetType, int resultSetConcurrency) {
        super(connection, delegate, sql, analysis, resultSetType, resultSetConcurrency);
    }
}
