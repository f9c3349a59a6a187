package io.querycache.bus;

import io.querycache.config.BusAddress;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.testing.FakeTicker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidationReceiverTest {

    private final ResultCache cache = new ResultCache("app", 1 << 20, true, new FakeTicker());
    private final BusStatistics statistics = new BusStatistics(cache, BusAddress.parse("postgres"));
    private final InvalidationReceiver receiver = new InvalidationReceiver(cache, "me", statistics);
    private final List<InvalidationMessage> applied = new ArrayList<>();

    InvalidationReceiverTest() {
        receiver.onApplied(applied::add);
    }

    private static String message(String cache, String sender, long seq) {
        return InvalidationMessage.of(cache, sender, seq, Footprint.of(List.of("k"), Set.of("t"), false)).encode();
    }

    @Test
    void appliesAnotherNodesSetToTheCacheOfTheSameName() {
        long before = cache.generation();
        receiver.received(message("app", "other", 1));
        assertThat(cache.generation()).isGreaterThan(before);
        assertThat(cache.stats().busInvalidations).isEqualTo(1);
        assertThat(applied).hasSize(1);
        assertThat(cache.isDeaf()).isFalse();
    }

    @Test
    void skipsItsOwnMessagesAndOtherCaches() {
        long before = cache.generation();
        receiver.received(message("app", "me", 1));
        receiver.received(message("other-cache", "other", 1));
        assertThat(cache.generation()).isEqualTo(before);
        assertThat(applied).isEmpty();
        assertThat(statistics.getMessagesIn()).isEqualTo(2);
    }

    @Test
    void aGapInASendersNumbersFlushesTheCacheAndItHearsAgain() {
        receiver.received(message("app", "other", 1));
        receiver.received(message("app", "other", 2));
        assertThat(cache.stats().fullInvalidations).isZero();

        receiver.received(message("app", "other", 5));

        assertThat(statistics.getMissedMessages()).isEqualTo(1);
        assertThat(cache.stats().fullInvalidations).isEqualTo(2); // deaf: flush; hears: flush again
        assertThat(cache.isDeaf()).isFalse();
        assertThat(applied).hasSize(3);
    }

    @Test
    void aMessageThatCannotBeReadFlushesTheCache() {
        receiver.received("qc1\ncache=app\nsender=other\nseq=1\nk=%zz\n");
        assertThat(statistics.getMissedMessages()).isEqualTo(1);
        assertThat(cache.stats().fullInvalidations).isEqualTo(2);
        assertThat(cache.isDeaf()).isFalse();
        assertThat(applied).isEmpty();
    }

    @Test
    void aFlushMessageFlushes() {
        receiver.received(InvalidationMessage.flush("app", "other", 1).encode());
        assertThat(cache.stats().fullInvalidations).isEqualTo(1);
        assertThat(statistics.getMissedMessages()).isZero();
    }

    @Test
    void aLocalInvalidationIsToldToTheBusAndARemoteOneIsNot() {
        List<Footprint> published = new ArrayList<>();
        cache.onInvalidate(published::add);
        cache.invalidateTables("orders");
        receiver.received(message("app", "other", 1));
        assertThat(published).containsExactly(Footprint.ofTables("orders"));
    }

    @Test
    void setsSentInsideTransactionsNeverLookLikeAGapWhateverOrderTheyCommitIn() {
        Footprint f = Footprint.ofTables("t");
        receiver.received(message("app", "other", 1));
        receiver.received(InvalidationMessage.inTransaction("app", "other", 2, f).encode());
        receiver.received(InvalidationMessage.inTransaction("app", "other", 1, f).encode()); // committed later
        receiver.received(message("app", "other", 2));
        // txseq 3 rolled back: never arrives, and must not matter
        receiver.received(InvalidationMessage.inTransaction("app", "other", 4, f).encode());

        assertThat(statistics.getMissedMessages()).isZero();
        assertThat(cache.stats().fullInvalidations).isZero();
        assertThat(cache.stats().busInvalidations).isEqualTo(5);
        assertThat(applied).hasSize(5);
    }

    @Test
    void theApplicationsFlushIsToldToTheBusAndAFlushHeardIsNot() {
        List<String> told = new ArrayList<>();
        cache.onInvalidateAllByApplication(() -> told.add("flush"));
        cache.invalidateAll();
        receiver.received(InvalidationMessage.flush("app", "other", 1).encode());
        cache.deaf(this, "test");
        cache.hears(this);
        assertThat(told).containsExactly("flush");
        assertThat(cache.stats().fullInvalidations).isEqualTo(4);
    }
}
