/**
 * The Micrometer binder ({@link io.querycache.micrometer.QueryCacheMetrics}); the only package of the driver that
 * uses Micrometer, an optional dependency.
 */
package io.querycache.micrometer;
