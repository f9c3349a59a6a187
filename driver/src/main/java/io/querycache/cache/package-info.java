/**
 * The cache: entries, keys, the store, invalidation generations, transactions, statistics, and the registry of
 * caches by name.
 *
 * <p>Internal, not API: its public types are public only for the other packages of the driver (the wrappers, the
 * buses and feeds, and the root package, which makes the public views through
 * {@link io.querycache.cache.CacheApi}); they may change in any release. The API is {@code io.querycache} and
 * {@code io.querycache.micrometer}.
 */
package io.querycache.cache;
