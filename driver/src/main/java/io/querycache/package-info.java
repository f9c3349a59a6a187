/** querycache public API: the driver, the data source, {@link io.querycache.QueryCache} and its statistics. */
package io.querycache;
