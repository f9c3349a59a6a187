/**
 * The in-memory result set: capture of a live result, the snapshot, its metadata and what calibration learned of
 * each column. Where to look:
 * <ul>
 *   <li>a getter's answer on a hit: {@link io.querycache.snapshot.SnapshotResultSet} (state, row and column checked
 *       in one place, {@code cell}), which derives it with {@link io.querycache.snapshot.Conversions} (the JDBC
 *       conversion table) unless the live driver's answer was recorded ({@link io.querycache.snapshot.Snapshot});
 *   <li>the getters: {@link io.querycache.snapshot.Probe}, one constant each, and how to ask the live driver;
 *   <li>what capture asks the driver: {@link io.querycache.snapshot.SnapshotCapture}; per column and
 *       {@link io.querycache.snapshot.ValueCategory value category} it compares every getter once
 *       ({@link io.querycache.snapshot.Calibration}), learns a refusal or a
 *       {@link io.querycache.snapshot.DriverRule driver's own rule} for the category, and records per row only
 *       what the row's own value decides ({@link io.querycache.snapshot.ValueDependence});
 *   <li>values kept safe from the driver and the application: {@link io.querycache.snapshot.CellValues}.
 * </ul>
 *
 * <p>Internal, not API: applications see these objects only through the {@code java.sql} interfaces; the public
 * types are public only for the other packages of the driver and may change in any release. The API is
 * {@code io.querycache} and {@code io.querycache.micrometer}.
 */
package io.querycache.snapshot;
