/**
 * The in-memory result set: capture of a live result, the snapshot, its metadata and what calibration learned of
 * each column.
 *
 * <p>Internal, not API: applications see these objects only through the {@code java.sql} interfaces; the public
 * types are public only for the other packages of the driver and may change in any release. The API is
 * {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.snapshot;
