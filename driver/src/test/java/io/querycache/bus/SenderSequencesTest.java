package io.querycache.bus;

import org.junit.jupiter.api.Test;

import static io.querycache.bus.SenderSequences.Verdict.FIRST;
import static io.querycache.bus.SenderSequences.Verdict.GAP;
import static io.querycache.bus.SenderSequences.Verdict.LATE;
import static io.querycache.bus.SenderSequences.Verdict.NEXT;
import static org.assertj.core.api.Assertions.assertThat;

class SenderSequencesTest {

    private final SenderSequences sequences = new SenderSequences();

    @Test
    void aSenderStartsAnywhereThenCountsByOne() {
        assertThat(sequences.heard("a", 17)).isEqualTo(FIRST);
        assertThat(sequences.heard("a", 18)).isEqualTo(NEXT);
        assertThat(sequences.heard("b", 1)).isEqualTo(FIRST);
        assertThat(sequences.heard("a", 19)).isEqualTo(NEXT);
    }

    @Test
    void aSkippedNumberIsAGapAndAnOldNumberIsLate() {
        sequences.heard("a", 1);
        assertThat(sequences.heard("a", 3)).isEqualTo(GAP);
        assertThat(sequences.heard("a", 2)).isEqualTo(LATE);
        assertThat(sequences.heard("a", 3)).isEqualTo(LATE);
        assertThat(sequences.heard("a", 4)).isEqualTo(NEXT);
    }

    @Test
    void afterAReconnectionEverySenderStartsAfresh() {
        sequences.heard("a", 1);
        sequences.forget();
        assertThat(sequences.heard("a", 9)).isEqualTo(FIRST);
    }
}
