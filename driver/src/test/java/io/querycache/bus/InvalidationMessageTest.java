package io.querycache.bus;

import io.querycache.sql.Footprint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidationMessageTest {

    @Test
    void roundTripKeepsEveryNameEvenWithNewlinesAndPercents() throws Exception {
        Footprint footprint = Footprint.of(List.of("countries", "a%0Ab\nc\r"), Set.of("Shop.Orders", "\"odd.name\""), true);
        InvalidationMessage sent = InvalidationMessage.of("cache\nname", "0123456789abcdef", 42, footprint);

        InvalidationMessage heard = InvalidationMessage.decode(sent.encode());

        assertThat(heard.cache()).isEqualTo("cache\nname");
        assertThat(heard.sender()).isEqualTo("0123456789abcdef");
        assertThat(heard.seq()).isEqualTo(42);
        assertThat(heard.flush()).isFalse();
        assertThat(heard.footprint()).isEqualTo(footprint);
    }

    @Test
    void theTextIsTheDocumentedOne() {
        String text = InvalidationMessage.of("app", "s1", 7, Footprint.of(List.of("k"), Set.of("t"), false)).encode();
        assertThat(text).isEqualTo("qc1\ncache=app\nsender=s1\nseq=7\nk=k\nt=t\n");
        assertThat(InvalidationMessage.flush("app", "s1", 8).encode()).isEqualTo("qc1\ncache=app\nsender=s1\nseq=8\nflush\n");
    }

    @Test
    void aTableNameThatCannotBeNamedExactlyStandsForEveryTable() throws Exception {
        InvalidationMessage odd = InvalidationMessage.decode("qc1\ncache=c\nsender=s\nseq=1\nt=Orders \n");
        assertThat(odd.footprint().allTables()).isTrue();
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : new String[] {null, "", "hello", "qc2\ncache=c\nsender=s\nseq=1\n",
                "qc1\ncache=c\nsender=s\n", "qc1\ncache=c\nsender=s\nseq=x\n", "qc1\ncache=c\nsender=s\nseq=0\n",
                "qc1\ncache=c\nsender=s\ntxseq=0\n", "qc1\ncache=c\nsender=s\ntxseq=\n",
                "qc1\ncache=c\nsender=s\nseq=1\nrow=secret\n", "qc1\ncache=c\nsender=s\nseq=1\nk=%zz\n",
                "qc1\ncache=c\nsender=s\nseq=1\nk=%2\n", "qc1\ncache=c\nseq=1\n"}) {
            assertThatThrownBy(() -> InvalidationMessage.decode(bad)).as(String.valueOf(bad))
                    .isInstanceOf(InvalidationMessage.MalformedMessage.class);
        }
    }

    @Test
    void aLargeSetIsSplitIntoNumberedMessagesUnderTheLimitThatTogetherCarryEveryName() throws Exception {
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            tables.add("table_number_" + i);
        }
        Footprint footprint = Footprint.of(List.of("k1", "k2"), tables, false);

        List<InvalidationMessage> parts = InvalidationMessage.of("c", "s", 1, footprint).split(7_900, 10);

        assertThat(parts).hasSizeGreaterThan(1);
        Footprint union = Footprint.NONE;
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).seq()).isEqualTo(10 + i);
            assertThat(InvalidationMessage.bytes(parts.get(i).encode())).isLessThanOrEqualTo(7_900);
            union = union.plus(InvalidationMessage.decode(parts.get(i).encode()).footprint());
        }
        assertThat(union).isEqualTo(footprint);
    }

    @Test
    void aNameTooLongForAnyMessageTurnsTheSetIntoAFlush() {
        Footprint huge = Footprint.ofKeys("x".repeat(10_000));
        List<InvalidationMessage> parts = InvalidationMessage.of("c", "s", 1, huge).split(7_900, 3);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).flush()).isTrue();
        assertThat(parts.get(0).seq()).isEqualTo(3);
    }

    @Test
    void aSetSentInsideItsTransactionIsNumberedApartAndKeepsThatThroughTheWireAndSplits() throws Exception {
        Footprint footprint = Footprint.of(List.of("k"), Set.of("t"), false);
        InvalidationMessage sent = InvalidationMessage.inTransaction("app", "s1", 3, footprint);
        assertThat(sent.encode()).isEqualTo("qc1\ncache=app\nsender=s1\ntxseq=3\nk=k\nt=t\n");

        InvalidationMessage heard = InvalidationMessage.decode(sent.encode());
        assertThat(heard.inTransaction()).isTrue();
        assertThat(heard.seq()).isEqualTo(3);
        assertThat(heard.id()).isEqualTo("tx3");
        assertThat(heard.footprint()).isEqualTo(footprint);
        assertThat(InvalidationMessage.decode(InvalidationMessage.of("app", "s1", 3, footprint).encode()).id())
                .isEqualTo("3");

        List<String> tables = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            tables.add("table_number_" + i);
        }
        List<InvalidationMessage> parts = InvalidationMessage.inTransaction("c", "s", 1, Footprint.ofTables(
                tables.toArray(new String[0]))).split(7_900, 5);
        assertThat(parts).hasSizeGreaterThan(1).allMatch(InvalidationMessage::inTransaction);
        assertThat(parts.get(1).seq()).isEqualTo(6);
        InvalidationMessage tooLong = InvalidationMessage.inTransaction("c", "s", 1,
                Footprint.ofKeys("x".repeat(10_000))).split(7_900, 9).get(0);
        assertThat(tooLong.flush()).isTrue();
        assertThat(tooLong.inTransaction()).isTrue();
    }
}
