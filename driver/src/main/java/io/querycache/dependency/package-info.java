/**
 * Catalog facts (views, triggers, routines, foreign keys) read from the database, and what a write or a read
 * depends on through them.
 *
 * <p>Internal, not API: its public types are public only for the other packages of the driver; they may change in
 * any release. The API is {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.dependency;
