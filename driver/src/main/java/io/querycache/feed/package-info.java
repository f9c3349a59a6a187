/**
 * Change feeds (PostgreSQL logical replication, MariaDB/MySQL binlog) that invalidate on writes made outside
 * querycache.
 *
 * <p>Internal, not API: its public types are public only for the other packages of the driver (and the Micrometer
 * binder, which reads a feed's state), for JMX ({@link io.querycache.feed.ChangeFeedMXBean}), or because a real
 * driver instantiates them by name ({@link io.querycache.feed.ReceiveClockSockets}, a pgjdbc socket factory); they
 * may change in any release. The API is {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.feed;
