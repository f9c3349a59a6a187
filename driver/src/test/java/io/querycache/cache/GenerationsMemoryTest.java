package io.querycache.cache;

import io.querycache.sql.Footprint;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap a cache's generations hold after a million distinct invalidated names, measured with JOL. Apart from
 * {@link GenerationsTest} because it measures the heap (79 s under PIT's agent, for every mutant it covers); the
 * bound's behaviour is tested there with a small bound.
 */
class GenerationsMemoryTest {

    @Test
    void aMillionDistinctKeysAndTablesStayWithinTheBound() {
        Generations generations = new Generations();
        for (int i = 0; i < 1_000_000; i++) {
            generations.invalidate(Footprint.of(List.of("item_" + i), List.of("part_" + i), false));
        }
        assertThat(generations.rememberedNames()).isLessThanOrEqualTo(2 * (Generations.REMEMBERED + 1));
        long bytes = GraphLayout.parseInstance(generations).totalSize();
        System.out.println("Generations after a million distinct keys and tables: " + bytes + " bytes");
        assertThat(bytes).as("two full maps of names and their floors").isLessThan(8L << 20);
    }
}
