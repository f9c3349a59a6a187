/**
 * The SQLStates the driver raises itself, in one enum ({@link io.querycache.error.SqlState}).
 *
 * <p>Internal, not API: public only for the other packages of the driver; it may change in any release. The API is
 * {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.error;
