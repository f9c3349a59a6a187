package io.querycache.sql;

import io.querycache.sql.SqlPieces.Written;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the hint lexer (docs/testing-generated.md): generated SQL in every dialect, with
 * hint look-alikes inside string literals, quoted identifiers, line comments, nested comments, dollar quotes,
 * E'' strings, q'' quotes and executable comments, with and without a real hint.
 */
class HintLexerPropertyTest {

    /** A hint is found exactly when one stands in a real comment; look-alikes elsewhere are not hints. */
    @Property(tries = 4000)
    void aHintIsFoundExactlyWhenOneIsPlaced(@ForAll("sqlWithOrWithoutHint") Tuple3<Dialect, String, Written<Hint>> c) {
        SqlScan scan = HintLexer.scan(c.get2(), c.get1());
        assertThat(scan.error()).as("error").isNull();
        if (c.get3() == null) {
            assertThat(scan.hint()).isNull();
        } else {
            assertThat(scan.hint()).isEqualTo(c.get3().expected);
            assertThat(scan.hint().text()).isEqualTo(c.get3().text);
        }
    }

    /** A malformed hint in a real comment is reported with a message quoting it; the lexer never throws. */
    @Property(tries = 2000)
    void aMalformedHintIsReportedNotThrown(@ForAll("sqlWithMalformedHint") Tuple3<Dialect, String, String> c) {
        SqlScan scan = HintLexer.scan(c.get2(), c.get1());
        assertThat(scan.hint()).isNull();
        assertThat(scan.error()).startsWith("Malformed querycache hint /*");
    }

    @Provide
    Arbitrary<Tuple3<Dialect, String, Written<Hint>>> sqlWithOrWithoutHint() {
        return Arbitraries.of(Dialect.class).flatMap(d -> Combinators.combine(
                SqlPieces.noise(d).list().ofMaxSize(10), SqlPieces.hint().injectNull(0.3),
                Arbitraries.integers().between(0, 10), separator()).as((pieces, hint, at, sep) -> {
                    List<String> all = new ArrayList<>(pieces);
                    if (hint != null) {
                        all.add(Math.min(at, all.size()), hint.text);
                    }
                    return Tuple.of(d, String.join(sep, all), hint);
                }));
    }

    @Provide
    Arbitrary<Tuple3<Dialect, String, String>> sqlWithMalformedHint() {
        return Arbitraries.of(Dialect.class).flatMap(d -> Combinators.combine(
                SqlPieces.noise(d).list().ofMaxSize(6), SqlPieces.malformedHint(),
                Arbitraries.integers().between(0, 6)).as((pieces, hint, at) -> {
                    List<String> all = new ArrayList<>(pieces);
                    all.add(Math.min(at, all.size()), hint);
                    return Tuple.of(d, String.join(" ", all), hint);
                }));
    }

    static Arbitrary<String> separator() {
        return Arbitraries.of(" ", "\n", " \t ");
    }
}
