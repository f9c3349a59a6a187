package io.querycache.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FootprintTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "countries|countries",
            "Countries|countries",
            "public.countries|countries",
            "shop.public.COUNTRIES|countries",
            "\"Countries\"|countries",
            "\"shop\".\"Countries\"|countries",
            "`shop`.`countries`|countries",
            "[dbo].[Countries]|countries",
            "\"odd.name\"|odd.name",
            "  countries  |countries"})
    void tableNamesCompareCaseInsensitivelyAndUnqualified(String written, String normalised) {
        assertThat(Footprint.normaliseTable(written)).isEqualTo(normalised);
    }

    @Test
    void overlapsOnASharedKeyOrTable() {
        Footprint read = Footprint.of(List.of("countries"), List.of("countries", "regions"), false);
        assertThat(read.overlaps(Footprint.ofKeys("countries"))).isTrue();
        assertThat(read.overlaps(Footprint.ofTables("PUBLIC.Regions"))).isTrue();
        assertThat(read.overlaps(Footprint.ofKeys("Countries"))).as("keys are case-sensitive").isFalse();
        assertThat(read.overlaps(Footprint.ofTables("cities"))).isFalse();
        assertThat(read.overlaps(Footprint.ofKeys("regions"))).as("a key is not a table").isFalse();
    }

    @Test
    void everyTableOverlapsAnyTableButNotAKeyOnlyFootprint() {
        Footprint unknownWrite = Footprint.of(Set.of(), Set.of(), true);
        assertThat(Footprint.ofTables("t").overlaps(unknownWrite)).isTrue();
        assertThat(Footprint.ofKeys("k").overlaps(unknownWrite)).isFalse();
        Footprint unknownRead = Footprint.of(List.of("k"), Set.of(), true);
        assertThat(unknownRead.overlaps(Footprint.ofTables("anything"))).isTrue();
        assertThat(unknownRead.overlaps(Footprint.ofKeys("other"))).isFalse();
    }

    @Test
    void unionKeepsEverything() {
        Footprint union = Footprint.ofKeys("a").plus(Footprint.ofTables("T")).plus(Footprint.NONE);
        assertThat(union).isEqualTo(Footprint.of(List.of("a"), List.of("t"), false));
        assertThat(union.plus(Footprint.of(Set.of(), Set.of(), true)).allTables()).isTrue();
        assertThat(Footprint.of(Set.of(), Set.of(), false)).isSameAs(Footprint.NONE);
    }

    /** Found by StatementClassifierPropertyTest: a read of "a." depended on a, a DROP TABLE "a." invalidated a. . */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"a.\"", "\"odd.name\"", "\"yVy8Pt .\"", "\"\"", "s.\"a.b\""})
    void aNameThatParsersSplitDifferentlyStandsForEveryTable(String table) {
        Footprint f = Footprint.ofTables(table);
        assertThat(f.allTables()).isTrue();
        assertThat(f.tableNames()).isEmpty();
        assertThat(Footprint.ofTables("a").overlaps(f)).isTrue();
        assertThat(Footprint.ofTables("b").overlaps(f)).isTrue();
    }
}
