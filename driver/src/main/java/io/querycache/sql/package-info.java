/**
 * SQL text: hints, statement classification, footprints (the keys and tables a statement touches), session
 * commands.
 *
 * <p>Internal, not API: its public types are public only for the other packages of the driver; they may change in
 * any release. The API is {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.sql;
