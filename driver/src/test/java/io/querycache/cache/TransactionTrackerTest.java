package io.querycache.cache;

import io.querycache.sql.Footprint;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;

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

    // The state a connection reports and the snapshot rules (PIT survivors of the second run).

    @Test
    void theStateItReports() {
        TransactionTracker tx = new TransactionTracker(cache, true, Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(tx.autoCommit()).isTrue();
        assertThat(tx.isolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        tx.transactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(tx.isolation()).as("the transaction's own level wins").isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        tx.autoCommitChanged(false);
        assertThat(tx.autoCommit()).isFalse();
        assertThat(tx.readOnly()).isFalse();
        tx.readOnly(true);
        assertThat(tx.readOnly()).isTrue();
        assertThat(tx.inXa()).isFalse();
    }

    @Test
    void readUncommittedBySessionOrByAnUnknownTransactionLevel() {
        TransactionTracker tx = new TransactionTracker(cache, true, Connection.TRANSACTION_READ_COMMITTED);
        assertThat(tx.readUncommitted()).isFalse();
        tx.transactionIsolation(TransactionTracker.UNKNOWN_ISOLATION);
        assertThat(tx.readUncommitted()).as("a level not known may be READ UNCOMMITTED").isTrue();
        tx.transactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(tx.readUncommitted()).isFalse();
        tx.transactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        assertThat(tx.readUncommitted()).isTrue();
        assertThat(tx.mayStore()).isFalse();
        tx.sessionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        tx.committed();
        assertThat(tx.readUncommitted()).as("the session's level stays").isTrue();
    }

    /** Isolation | consistent snapshot | whether a load inside the transaction starts at the transaction's start. */
    @ParameterizedTest(name = "isolation {0}, consistent snapshot {1}: from the transaction's start {2}")
    @CsvSource({"1, false, false", "2, false, false", "4, false, true", "8, false, true", "-1, false, true",
            "2, true, true"})
    void aLoadInATransactionStartsWhereItsSnapshotMayBe(int isolation, boolean snapshot, boolean fromStart) {
        TransactionTracker tx = new TransactionTracker(cache, true);
        long begun = cache.generation();
        tx.begun(begun, isolation, true, snapshot);
        assertThat(tx.isolation()).isEqualTo(isolation);
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        assertThat(tx.loadStart()).isEqualTo(fromStart ? begun : cache.generation());
    }

    @Test
    void aStatementThatMayHaveWrittenInAutocommitLeavesNothingForTheNextTransaction() {
        TransactionTracker tx = new TransactionTracker(cache, true);
        tx.mayHaveWritten();
        tx.autoCommitChanged(false);
        assertThat(tx.mayStore()).isTrue();
        tx.mayHaveWritten();
        assertThat(tx.mayStore()).isFalse();
    }

    @Test
    void aBeginInsideATransactionInvalidatesWhatIsPendingAndKeepsTheOlderStart() {
        TransactionTracker tx = new TransactionTracker(cache, false);
        tx.beforeStatement();
        long first = cache.generation();
        tx.written(countries);
        tx.begun();
        assertThat(stillCurrent(first)).as("MySQL committed it implicitly").isFalse();
        assertThat(tx.hasPendingWrites()).isTrue();
        assertThat(tx.loadStart()).isEqualTo(first);
    }

    @Test
    void turningAutocommitOffStartsTheTransactionThenUnlessOneIsOpen() {
        TransactionTracker tx = new TransactionTracker(cache, true);
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        long off = cache.generation();
        tx.autoCommitChanged(false);
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        assertThat(tx.loadStart()).isEqualTo(off);

        TransactionTracker block = new TransactionTracker(cache, true);
        long begun = cache.generation();
        block.begun();
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        block.autoCommitChanged(false);
        assertThat(block.loadStart()).as("the SQL BEGIN's start").isEqualTo(begun);
    }

    @Test
    void anXaTransactionStartsAtItsStartAndLeavesTheConnectionWhenPrepared() {
        TransactionTracker tx = new TransactionTracker(cache, true);
        long started = cache.generation();
        tx.xaStarted(started);
        assertThat(tx.inXa()).isTrue();
        assertThat(tx.inTransaction()).isTrue();
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        assertThat(tx.loadStart()).isEqualTo(started);
        tx.written(countries);
        long beforePrepare = cache.generation();
        assertThat(tx.prepared()).isEqualTo(countries);
        assertThat(tx.inXa()).isFalse();
        assertThat(tx.hasPendingWrites()).isFalse();
        assertThat(stillCurrent(beforePrepare)).as("invalidated by the COMMIT of its id, not here").isTrue();

        TransactionTracker open = new TransactionTracker(cache, false);
        open.beforeStatement();
        long first = cache.generation();
        cache.invalidate(Footprint.ofKeys("elsewhere"));
        open.xaStarted(cache.generation());
        assertThat(open.loadStart()).as("a transaction already open keeps its start").isEqualTo(first);
    }
}
