package io.querycache.cache;

import io.querycache.sql.Footprint;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How settings become fingerprints: interned when described alike, unique when not describable. */
class SessionFingerprintTest {

    private static SessionSettings settings(String... nameValues) {
        SessionSettings s = new SessionSettings(true);
        for (int i = 0; i < nameValues.length; i += 2) {
            s.set(nameValues[i], nameValues[i + 1], false);
        }
        return s;
    }

    @Test
    void sessionsChangedAlikeShareOneInstance() {
        assertThat(settings("search_path", "b", "role", "r", "search_path", "a").fingerprint())
                .isSameAs(settings("role", "r", "search_path", "a").fingerprint())
                .isNotSameAs(settings("search_path", "a", "role", "r").fingerprint());
        assertThat(settings().fingerprint()).isSameAs(SessionFingerprint.INITIAL);
    }

    @Test
    void theOrderOfTwoNamesForOneVariableCounts() {
        // setSchema(a) then SET search_path = b is in b; the other order is in a.
        assertThat(settings("schema", "a", "search_path", "b").fingerprint())
                .isNotSameAs(settings("search_path", "b", "schema", "a").fingerprint());
    }

    @Test
    void anExpressionOrATemporaryTableMakesTheSessionUnique() {
        SessionSettings one = settings("search_path", "a");
        one.set("app.tenant", null, false);
        SessionSettings two = settings("search_path", "a");
        two.set("app.tenant", null, false);
        assertThat(one.fingerprint().isUnique()).isTrue();
        assertThat(one.fingerprint()).isNotSameAs(two.fingerprint());
        SessionSettings temp = settings();
        temp.temporaryTableCreated();
        assertThat(temp.fingerprint().isUnique()).isTrue();
        temp.resetAll();
        assertThat(temp.fingerprint().isUnique()).as("RESET ALL keeps temporary tables").isTrue();
        temp.discardAll();
        assertThat(temp.fingerprint()).isSameAs(SessionFingerprint.INITIAL);
    }

    @Test
    void resetAllKeepsTheRole() {
        SessionSettings s = settings("role", "r", "search_path", "a");
        s.resetAll();
        assertThat(s.fingerprint()).isSameAs(settings("role", "r").fingerprint());
    }

    @Test
    void aPostgresRollbackUndoesTheTransactionsSettings() {
        SessionSettings s = settings("search_path", "a");
        SessionFingerprint before = s.fingerprint();
        s.transactionBegan();
        s.set("search_path", "b", false);
        s.transactionEnded(false);
        assertThat(s.fingerprint()).isSameAs(before);
        s.transactionBegan();
        s.set("search_path", "b", false);
        s.statementFailed();
        s.transactionEnded(true);
        assertThat(s.fingerprint().isUnique()).as("COMMIT of a failed transaction rolls back").isTrue();
    }

    @Test
    void setLocalLastsUntilTheTransactionEnds() {
        SessionSettings s = settings();
        s.transactionBegan();
        s.set("app.tenant", "'a'", true);
        assertThat(s.fingerprint().isUnique()).isTrue();
        s.transactionEnded(true);
        assertThat(s.fingerprint()).isSameAs(SessionFingerprint.INITIAL);
    }

    @Test
    void aChangedSessionKeysItsOwnEntries() {
        CacheKey plain = new CacheKey("SELECT 1", 0, 0);
        SessionFingerprint tenant = settings("search_path", "a").fingerprint();
        assertThat(plain.in(SessionFingerprint.INITIAL)).isSameAs(plain);
        assertThat(plain.in(tenant)).isNotEqualTo(plain).isEqualTo(new CacheKey("SELECT 1", 0, 0).in(tenant));
    }

    @Test
    void aRepeatableReadTransactionStartsWhenItBegins() {
        ResultCache cache = new ResultCache("t", 1 << 20, true, Ticker.disabledTicker());
        TransactionTracker tx = new TransactionTracker(cache, true, java.sql.Connection.TRANSACTION_REPEATABLE_READ);
        long beforeBegin = cache.generation();
        cache.invalidate(Footprint.ofKeys("x"));
        tx.begun(beforeBegin, TransactionTracker.UNKNOWN_ISOLATION, false, true);
        cache.invalidate(Footprint.ofKeys("y"));
        assertThat(tx.loadStart()).isEqualTo(beforeBegin);
        tx.written(Footprint.NONE);
        assertThat(tx.mayStore()).as("wrote, tables unknown").isFalse();
        tx.committed(true);
        assertThat(tx.inTransaction()).as("AND CHAIN").isTrue();
        assertThat(tx.mayStore()).isTrue();
        assertThat(tx.loadStart()).isEqualTo(cache.generation());
    }
}
