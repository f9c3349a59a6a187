/**
 * Cross-process invalidation: a bus (Redis pub/sub, PostgreSQL NOTIFY) publishes what this process invalidates and
 * applies what the others did.
 *
 * <p>Internal, not API: its public types are public only for the other packages of the driver (and the
 * Micrometer binder, which reads {@link io.querycache.bus.BusStatistics}), or for JMX, which needs an MXBean
 * interface public ({@link io.querycache.bus.BusMXBean}); they may change in any release. The API
 * is {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.bus;
