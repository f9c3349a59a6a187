package io.querycache.cache;

import io.querycache.sql.Footprint;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The transaction rules of SPEC section 5, at the level of one connection's tracker. */
class TransactionTrackerTest {

    private final ResultCache cache = new ResultCache("test", 1 << 20, true, Ticker.disabledTicker());
    private final Footprint countries = Footprint.ofKeys("countries");

    /** True when an entry that depends on countries and was loaded at {@code start} is still current. */
    private boolean stillCurrent(long start) {
        return cache.isCurrent(countries, start);
    }

    @Test
    void autocommitWriteInvalidatesAtOnce() {
        TransactionTracker tx = new TransactionTracker(cache, true);
        long start = cache.generation();
        tx.written(countries);
        assertThat(stillCurrent(start)).isFalse();
        assertThat(tx.hasPendingWrites()).isFalse();
    }

    @Test
    void manualCommitWaitsForTheCommit() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        long start = cache.generation();
        tx.written(countries);
        assertThat(stillCurrent(start)).as("uncommitted").isTrue();
        assertThat(tx.dependsOnPendingWrite(Footprint.of(java.util.List.of("countries"), java.util.List.of("x"), false)))
                .isTrue();
        assertThat(tx.dependsOnPendingWrite(Footprint.ofKeys("cities"))).isFalse();
        tx.committed();
        assertThat(stillCurrent(start)).isFalse();
        assertThat(tx.hasPendingWrites()).isFalse();
    }

    @Test
    void rollbackInvalidatesNothing() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        long start = cache.generation();
        tx.written(countries);
        tx.rolledBack();
        assertThat(stillCurrent(start)).isTrue();
        tx.committed();
        assertThat(stillCurrent(start)).as("the rolled-back write is forgotten").isTrue();
    }

    @Test
    void rollbackToSavepointInvalidatesAndKeepsThePendingSetForTheCommit() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        tx.written(countries);
        long beforeSavepointRollback = cache.generation();
        tx.rolledBackToSavepoint();
        assertThat(stillCurrent(beforeSavepointRollback)).isFalse();
        long afterwards = cache.generation();
        tx.committed();
        assertThat(stillCurrent(afterwards)).as("the commit still invalidates").isFalse();
    }

    @Test
    void turningAutocommitOnInsideATransactionCommits() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        long start = cache.generation();
        tx.written(countries);
        tx.autoCommitChanged(true);
        assertThat(stillCurrent(start)).isFalse();
        long later = cache.generation();
        tx.written(countries);
        assertThat(stillCurrent(later)).as("autocommit again: immediate").isFalse();
    }

    @Test
    void settingAutocommitOnWhenAlreadyOnKeepsAnExplicitBlockOpen() {
        TransactionTracker tx = new TransactionTracker(cache, true);
        tx.begun();
        tx.written(countries);
        long start = cache.generation();
        tx.autoCommitChanged(true);
        assertThat(tx.inTransaction()).isTrue();
        assertThat(stillCurrent(start)).isTrue();
        tx.committed();
        assertThat(stillCurrent(start)).isFalse();
    }

    @Test
    void closeWithPendingWritesInvalidates() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        long start = cache.generation();
        tx.written(countries);
        tx.closed();
        assertThat(stillCurrent(start)).isFalse();
    }

    @Test
    void beginSentAsSqlOpensATransactionInAutocommitMode() {
        TransactionTracker tx = new TransactionTracker(cache, true);
        tx.begun();
        long start = cache.generation();
        tx.written(countries);
        assertThat(stillCurrent(start)).isTrue();
        tx.rolledBack();
        assertThat(tx.inTransaction()).isFalse();
        tx.written(countries);
        assertThat(stillCurrent(start)).isFalse();
    }

    @Test
    void aLoadInsideATransactionStartsAtTheTransactionsFirstStatement() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        tx.beforeStatement();
        long first = cache.generation();
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        assertThat(tx.loadStart()).isEqualTo(first).isLessThan(cache.generation());
        tx.committed();
        tx.beforeStatement();
        assertThat(tx.loadStart()).isEqualTo(cache.generation());

        TransactionTracker auto = new TransactionTracker(cache, true);
        auto.beforeStatement();
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        assertThat(auto.loadStart()).as("autocommit: each statement is its own transaction")
                .isEqualTo(cache.generation());
    }

    @Test
    void ddlThatMayCommitImplicitlyInvalidatesWhatIsPendingAndKeepsIt() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        tx.written(countries);
        long start = cache.generation();
        tx.mayHaveCommitted();
        assertThat(stillCurrent(start)).isFalse();
        assertThat(tx.hasPendingWrites()).isTrue();
    }

    /** What a bus sends inside the commit is asked for only when a commit will carry pending sets, and not told again. */
    @Test
    void aCommitAsksToCarryItsPendingSetOnlyWhenThereIsOneAndThenDoesNotTellItAgain() {
        java.util.List<Footprint> asked = new java.util.ArrayList<>();
        java.util.List<Footprint> told = new java.util.ArrayList<>();
        boolean[] carry = {true};
        cache.onBeforeCommit((connection, pending) -> {
            asked.add(pending);
            return carry[0];
        });
        cache.onInvalidate(told::add);

        TransactionTracker autocommit = new TransactionTracker(cache, true);
        autocommit.beforeCommit(null);
        TransactionTracker nothingPending = new TransactionTracker(cache, false);
        nothingPending.beforeCommit(null);
        assertThat(asked).isEmpty();

        TransactionTracker carried = new TransactionTracker(cache, false);
        carried.written(Footprint.ofTables("orders"));
        carried.beforeCommit(null);
        carried.committed();
        assertThat(asked).containsExactly(Footprint.ofTables("orders"));
        assertThat(told).as("carried inside the commit: not published after it").isEmpty();

        carry[0] = false;
        TransactionTracker notCarried = new TransactionTracker(cache, false);
        notCarried.written(Footprint.ofTables("items"));
        notCarried.beforeCommit(null);
        notCarried.committed();
        assertThat(told).containsExactly(Footprint.ofTables("items"));

        carry[0] = true;
        TransactionTracker next = new TransactionTracker(cache, false);
        next.written(Footprint.ofTables("a"));
        next.beforeCommit(null);
        next.committed();
        next.written(Footprint.ofTables("b")); // the next transaction on the connection: carried by nobody yet
        next.committed();
        assertThat(told).containsExactly(Footprint.ofTables("items"), Footprint.ofTables("b"));
    }
}
