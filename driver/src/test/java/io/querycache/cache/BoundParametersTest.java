package io.querycache.cache;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;

import static org.assertj.core.api.Assertions.assertThat;

class BoundParametersTest {

    private static CacheKey key(BoundParameters p) {
        return p.lookupKey("SELECT ?", 0, 0).detached();
    }

    @Test
    void sameValuesMakeEqualKeys() {
        BoundParameters a = new BoundParameters();
        a.set(1, 5);
        a.set(2, "x");
        BoundParameters b = new BoundParameters();
        b.set(2, "x");
        b.set(1, 5);
        assertThat(key(a)).isEqualTo(key(b)).hasSameHashCodeAs(key(b));
    }

    @Test
    void theTypeIsPartOfTheKey() {
        BoundParameters asInt = new BoundParameters();
        asInt.set(1, 5);
        BoundParameters asLong = new BoundParameters();
        asLong.set(1, 5L);
        assertThat(key(asInt)).isNotEqualTo(key(asLong));

        BoundParameters typedNull = new BoundParameters();
        typedNull.setTyped(1, Types.INTEGER, 0, null);
        BoundParameters otherNull = new BoundParameters();
        otherNull.setTyped(1, Types.VARCHAR, 0, null);
        assertThat(key(typedNull)).isNotEqualTo(key(otherNull));

        BoundParameters scaled = new BoundParameters();
        scaled.setTyped(1, Types.DECIMAL, 2, new BigDecimal("1.5"));
        BoundParameters plain = new BoundParameters();
        plain.set(1, new BigDecimal("1.5"));
        assertThat(key(scaled)).isNotEqualTo(key(plain));
    }

    @Test
    void mutableValuesAreCopiedSoTheKeyCannotChange() {
        byte[] bytes = {1, 2, 3};
        Timestamp ts = Timestamp.valueOf("2020-01-01 10:00:00.123456789");
        BoundParameters p = new BoundParameters();
        p.set(1, bytes);
        p.set(2, ts);
        CacheKey stored = key(p);

        bytes[0] = 9;
        ts.setNanos(0);
        BoundParameters again = new BoundParameters();
        again.set(1, new byte[] {1, 2, 3});
        again.set(2, Timestamp.valueOf("2020-01-01 10:00:00.123456789"));
        assertThat(stored).isEqualTo(key(again));
    }

    @Test
    void anyNonPlainValueMakesTheExecutionUncacheableUntilReplaced() {
        BoundParameters p = new BoundParameters();
        p.set(1, new ByteArrayInputStream(new byte[0]));
        assertThat(p.cacheable()).isFalse();
        p.set(1, "plain");
        assertThat(p.cacheable()).isTrue();
        p.setUncacheable(2);
        assertThat(p.cacheable()).isFalse();
        p.clear();
        assertThat(p.cacheable()).isTrue();
        p.set(1, new StringBuilder("mutable"));
        assertThat(p.cacheable()).isFalse();
        p.setTyped(1, Types.OTHER, 0, new Object());
        assertThat(p.cacheable()).isFalse();
    }

    @Test
    void aLookupKeyOverLiveValuesDoesNotChangeWithThemOnceDetached() {
        BoundParameters p = new BoundParameters();
        p.set(1, 1);
        CacheKey stored = p.lookupKey("q", 0, 0).detached();
        p.set(1, 2);
        assertThat(p.lookupKey("q", 0, 0)).isNotEqualTo(stored);
        p.set(1, 1);
        assertThat(p.lookupKey("q", 0, 0)).isEqualTo(stored);
        assertThat(p.lookupKey("q", 10, 0)).as("maxRows is part of the key").isNotEqualTo(stored);
    }

    @Test
    void reExecutingWithoutBindingReusesTheLookupKeyAndAnyBindingMakesANewOne() {
        BoundParameters p = new BoundParameters();
        String sql = "q";
        p.set(1, 1);
        CacheKey first = p.lookupKey(sql, 0, 0);
        assertThat(p.lookupKey(sql, 0, 0)).isSameAs(first);
        assertThat(p.lookupKey(sql, 5, 0)).as("another maxRows").isNotEqualTo(first);
        CacheKey again = p.lookupKey(sql, 0, 0);
        p.set(1, 2);
        CacheKey second = p.lookupKey(sql, 0, 0);
        assertThat(second).isNotSameAs(again).isNotEqualTo(first);
        p.set(1, 1);
        assertThat(p.lookupKey(sql, 0, 0)).as("bound again to the same value").isEqualTo(first);
        p.clear();
        assertThat(p.lookupKey(sql, 0, 0)).isNotEqualTo(first);
    }
}
