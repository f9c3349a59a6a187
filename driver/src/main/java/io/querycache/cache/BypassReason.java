package io.querycache.cache;

/**
 * Why a hinted query was executed without the cache: the internal twin of the public
 * {@code QueryCacheStats.BypassReason}, which documents each reason; the root package converts by name, and a test
 * keeps the two lists the same.
 */
public enum BypassReason {
    UNCACHEABLE_PARAMETER, NOT_A_PURE_QUERY, PENDING_WRITE, TOO_LARGE, RESULT_SET_FEATURES, DIRTY_READS,
    MALFORMED_HINT, UNSUPPORTED_VALUE
}
