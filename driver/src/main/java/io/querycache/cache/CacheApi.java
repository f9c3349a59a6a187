package io.querycache.cache;

/**
 * The public API's side of the caches. The root package ({@code io.querycache}) sits above this one, so nothing
 * here may name its types: it binds its one implementation with {@link CacheRegistry#bind} when its classes load,
 * and the internal packages hold what it makes as plain objects.
 */
public interface CacheApi {

    /** The type a cache is unwrapped as ({@code connection.unwrap(type)}). */
    Class<?> type();

    /** A new view of the cache as {@link #type()}; {@link CacheRegistry#view} keeps one per cache. */
    Object view(ResultCache cache);

    /** The cache behind an object {@link #view} made, or null for any other object. */
    ResultCache cacheBehind(Object view);

    /** A new JMX MXBean of the cache. */
    Object mxBean(ResultCache cache);
}
