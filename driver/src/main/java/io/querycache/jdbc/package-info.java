/**
 * The JDBC wrappers: connection, statements, result sets and metadata; the hit and miss paths.
 *
 * <p>Internal, not API: applications see these objects only through the {@code java.sql} interfaces. The public
 * types are public only for the root package ({@link io.querycache.jdbc.Connections} wraps, and
 * {@code QueryCache.of} recognises a {@link io.querycache.jdbc.ProxyConnection}); they may change in any release.
 * The API is {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.jdbc;
