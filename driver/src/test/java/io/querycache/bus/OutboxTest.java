package io.querycache.bus;

import io.querycache.config.BusAddress;
import io.querycache.sql.Footprint;
import io.querycache.cache.ResultCache;
import io.querycache.testing.FakeTicker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {

    private final ResultCache cache = new ResultCache("app", 1 << 20, true, new FakeTicker());
    private final BusStatistics statistics = new BusStatistics(cache, BusAddress.parse("postgres"));
    private final List<String> sent = new ArrayList<>();
    private boolean down;
    private final Outbox outbox = new Outbox("app", "me", 7_900, payloads -> {
        if (down) {
            throw new IllegalStateException("down");
        }
        sent.addAll(payloads);
    }, statistics);

    private InvalidationMessage sent(int i) throws Exception {
        return InvalidationMessage.decode(sent.get(i));
    }

    @Test
    void numbersEachSetFromOne() throws Exception {
        outbox.send(Footprint.ofTables("a"));
        outbox.send(Footprint.ofKeys("k"));
        assertThat(sent(0).seq()).isEqualTo(1);
        assertThat(sent(1).seq()).isEqualTo(2);
        assertThat(sent(1).footprint()).isEqualTo(Footprint.ofKeys("k"));
        assertThat(statistics.getMessagesOut()).isEqualTo(2);
    }

    @Test
    void aSetThatCouldNotBeSentIsOwedAsAFlushWhichReplacesTheNextSets() throws Exception {
        outbox.send(Footprint.ofTables("a"));
        down = true;
        outbox.send(Footprint.ofTables("b"));
        outbox.payDebt();
        assertThat(outbox.owesFlush()).isTrue();
        assertThat(statistics.getPublishFailures()).isEqualTo(2);

        down = false;
        outbox.send(Footprint.ofTables("c"));

        assertThat(sent).hasSize(2);
        assertThat(sent(1).flush()).isTrue();
        assertThat(sent(1).seq()).isGreaterThan(2); // a gap too, for nodes that knew this sender
        assertThat(outbox.owesFlush()).isFalse();
    }

    @Test
    void theDebtIsPaidWithoutWaitingForAnotherWrite() throws Exception {
        down = true;
        outbox.send(Footprint.ofTables("a"));
        down = false;
        outbox.payDebt();
        assertThat(sent).hasSize(1);
        assertThat(sent(0).flush()).isTrue();
    }

    @Test
    void aSetSentInsideATransactionIsNumberedApartFromTheSequence() throws Exception {
        List<String> inTransaction = new ArrayList<>();
        outbox.send(Footprint.ofTables("a"));
        assertThat(outbox.sendInTransaction(Footprint.ofTables("b"), inTransaction::addAll)).isTrue();
        outbox.send(Footprint.ofTables("c"));

        InvalidationMessage tx = InvalidationMessage.decode(inTransaction.get(0));
        assertThat(tx.inTransaction()).isTrue();
        assertThat(tx.id()).isEqualTo("tx1");
        assertThat(tx.footprint()).isEqualTo(Footprint.ofTables("b"));
        // The sequence has no hole where the transaction's set went: a node never mistakes it for a lost one.
        assertThat(sent(0).seq()).isEqualTo(1);
        assertThat(sent(1).seq()).isEqualTo(2);
        assertThat(statistics.getMessagesOut()).isEqualTo(3);
        assertThat(outbox.lastMessageId()).isEqualTo("2");
    }

    @Test
    void aTransactionThatCannotCarryTheSetChangesNothingAndTheSetGoesAfterTheCommit() throws Exception {
        boolean sentInside = outbox.sendInTransaction(Footprint.ofTables("b"), payloads -> {
            throw new java.sql.SQLException("current transaction is aborted", "25P02");
        });
        assertThat(sentInside).isFalse();
        assertThat(outbox.owesFlush()).isFalse();
        assertThat(statistics.getPublishFailures()).isZero();
        assertThat(statistics.getMessagesOut()).isZero();

        outbox.send(Footprint.ofTables("b"));
        assertThat(sent(0).seq()).isEqualTo(1);
        assertThat(sent(0).footprint()).isEqualTo(Footprint.ofTables("b"));
    }

    @Test
    void whileAFlushIsOwedNoSetTravelsInsideATransaction() {
        down = true;
        outbox.send(Footprint.ofTables("a"));
        down = false;
        List<String> inTransaction = new ArrayList<>();
        assertThat(outbox.sendInTransaction(Footprint.ofTables("b"), inTransaction::addAll)).isFalse();
        assertThat(inTransaction).isEmpty();
    }

    @Test
    void aFlushAskedByTheApplicationIsSentInTheSequence() throws Exception {
        outbox.send(Footprint.ofTables("a"));
        outbox.sendFlush();
        assertThat(sent(1).flush()).isTrue();
        assertThat(sent(1).seq()).isEqualTo(2);
        assertThat(outbox.owesFlush()).isFalse();
    }
}
