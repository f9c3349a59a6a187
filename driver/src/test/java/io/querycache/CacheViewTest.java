package io.querycache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querycache.cache.CacheRegistry;
import io.querycache.cache.ResultCache;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The public view of an internal cache: one per cache, and the bypass reasons counted under their public names. */
class CacheViewTest {

    @Test
    void theInternalBypassReasonsAreThePublicOnes() {
        assertThat(names(io.querycache.cache.BypassReason.values()))
                .containsExactlyElementsOf(names(QueryCacheStats.BypassReason.values()));
    }

    @Test
    void aCacheHasOneViewWhichLeadsBackToIt() {
        CacheView.bind();
        ResultCache cache = new ResultCache("view", 1 << 20, true, Ticker.disabledTicker());
        QueryCache view = CacheView.of(cache);
        assertThat(CacheView.of(cache)).isSameAs(view);
        assertThat(CacheRegistry.behind(view)).isSameAs(cache);
        assertThat(CacheRegistry.behind(cache)).isSameAs(cache);
        assertThat(CacheRegistry.behind("not a cache")).isNull();
        assertThat(view.name()).isEqualTo("view");
    }

    @Test
    void bypassesAreCountedUnderTheirPublicReason() {
        ResultCache cache = new ResultCache("bypasses", 1 << 20, true, Ticker.disabledTicker());
        cache.bypass(io.querycache.cache.BypassReason.TOO_LARGE, "SELECT 1");
        cache.bypass(io.querycache.cache.BypassReason.TOO_LARGE, "SELECT 1");
        cache.bypass(io.querycache.cache.BypassReason.DIRTY_READS, "SELECT 1");
        CacheView.bind();
        QueryCacheStats stats = CacheView.of(cache).stats();
        assertThat(stats.bypassesByReason().get(QueryCacheStats.BypassReason.TOO_LARGE)).isEqualTo(2);
        assertThat(stats.bypassesByReason().get(QueryCacheStats.BypassReason.DIRTY_READS)).isEqualTo(1);
        assertThat(stats.bypasses()).isEqualTo(3);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toList());
    }
}
