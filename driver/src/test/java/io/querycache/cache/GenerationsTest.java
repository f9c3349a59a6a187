package io.querycache.cache;

import io.querycache.sql.Footprint;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationsTest {

    private final Generations generations = new Generations();

    @Test
    void aLoadThatStartedBeforeAnInvalidationOfItsKeyIsNotCurrent() {
        Footprint deps = Footprint.of(List.of("countries"), List.of("countries"), false);
        long start = generations.now();
        assertThat(generations.isCurrent(deps, start)).isTrue();

        generations.invalidate(Footprint.ofKeys("countries"));

        assertThat(generations.isCurrent(deps, start)).as("started before the invalidation").isFalse();
        assertThat(generations.isCurrent(deps, generations.now())).as("started after it").isTrue();
    }

    @Test
    void tablesAndKeysInvalidateIndependently() {
        Footprint deps = Footprint.of(List.of("k"), List.of("t"), false);
        long start = generations.now();
        generations.invalidate(Footprint.ofKeys("other"));
        generations.invalidate(Footprint.ofTables("other_table"));
        assertThat(generations.isCurrent(deps, start)).isTrue();
        generations.invalidate(Footprint.ofTables("T"));
        assertThat(generations.isCurrent(deps, start)).isFalse();
    }

    @Test
    void aWriteWithUnknownTablesInvalidatesEveryTableDependentEntryButNotKeyOnlyOnes() {
        long start = generations.now();
        generations.invalidate(Footprint.of(Set.of(), Set.of(), true));
        assertThat(generations.isCurrent(Footprint.ofTables("t"), start)).isFalse();
        assertThat(generations.isCurrent(Footprint.ofKeys("k"), start)).isTrue();
    }

    @Test
    void aReadWithUnknownTablesIsInvalidatedByAnyTable() {
        Footprint unknownRead = Footprint.of(List.of("k"), Set.of(), true);
        long start = generations.now();
        generations.invalidate(Footprint.ofKeys("unrelated"));
        assertThat(generations.isCurrent(unknownRead, start)).isTrue();
        generations.invalidate(Footprint.ofTables("whatever"));
        assertThat(generations.isCurrent(unknownRead, start)).isFalse();
    }

    @Test
    void invalidateAllReachesEverything() {
        long start = generations.now();
        generations.invalidateAll();
        assertThat(generations.isCurrent(Footprint.NONE, start)).isFalse();
        assertThat(generations.isCurrent(Footprint.ofKeys("k"), generations.now())).isTrue();
    }

    @Test
    void anOlderInvalidationNeverHidesANewerOne() {
        Footprint deps = Footprint.ofKeys("k");
        generations.invalidate(deps);
        long start = generations.now();
        generations.invalidate(deps);
        assertThat(generations.isCurrent(deps, start)).isFalse();
    }

    @Test
    void anEntryWhoseKeyWasForgottenAfterItsInvalidationIsStale() {
        Generations small = new Generations(8);
        Footprint deps = Footprint.of(List.of("item_1"), List.of("items_1"), false);
        long start = small.now();
        small.invalidate(Footprint.of(List.of("item_1"), List.of(), false));
        for (int i = 2; i < 1_000; i++) {
            small.invalidate(Footprint.of(List.of("item_" + i), List.of(), false));
        }
        assertThat(small.rememberedNames()).isLessThanOrEqualTo(9);
        assertThat(small.isCurrent(deps, start)).as("its key's invalidation was forgotten, not lost").isFalse();
        assertThat(small.isCurrent(deps, small.now())).as("a load after every invalidation").isTrue();
    }

    @Test
    void aForgottenTableStillMakesItsEntriesStale() {
        Generations small = new Generations(8);
        Footprint deps = Footprint.ofTables("orders_1");
        long start = small.now();
        small.invalidate(Footprint.ofTables("orders_1"));
        for (int i = 2; i < 1_000; i++) {
            small.invalidate(Footprint.ofTables("orders_" + i));
        }
        assertThat(small.isCurrent(deps, start)).isFalse();
    }

    @Test
    void belowTheBoundAnUnrelatedInvalidationNeverMakesAnEntryStale() {
        Footprint countries = Footprint.ofKeys("countries");
        long start = generations.now();
        for (int i = 0; i < Generations.REMEMBERED - 1; i++) {
            generations.invalidate(Footprint.ofKeys("item_" + i));
        }
        assertThat(generations.isCurrent(countries, start)).isTrue();
        assertThat(generations.rememberedNames()).isEqualTo(Generations.REMEMBERED - 1);
        generations.invalidate(Footprint.of(List.of("item_0", "k"), List.of("t1", "t2"), false));
        assertThat(generations.rememberedNames()).as("keys and tables counted apart")
                .isEqualTo(Generations.REMEMBERED + 2);
    }
}
