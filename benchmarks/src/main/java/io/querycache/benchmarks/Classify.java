package io.querycache.benchmarks;

import io.querycache.sql.Dialect;
import io.querycache.sql.SqlAnalysis;
import io.querycache.sql.SqlAnalyzer;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import java.util.concurrent.TimeUnit;

/**
 * The per-execution cost of finding the hint and classifying a SQL text already seen (the memo), against
 * JSqlParser parsing it. Target: memoized <= 100 ns, and >= 500x cheaper.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class Classify {

    private static final String SQL = "/*cache:catalogue,600*/ SELECT p.id, p.name, p.price, c.name FROM products p"
            + " JOIN categories c ON c.id = p.category_id WHERE c.slug = ? AND p.active = TRUE ORDER BY p.name";

    private SqlAnalyzer analyzer;

    @Setup
    public void setUp() {
        analyzer = SqlAnalyzer.of(Dialect.POSTGRESQL, true);
        analyzer.analyze(SQL);
    }

    @Benchmark
    public Statement baseline() throws JSQLParserException, net.sf.jsqlparser.parser.ParseException {
        return CCJSqlParserUtil.newParser(SQL).withAllowComplexParsing(false).Statement();
    }

    @Benchmark
    public SqlAnalysis querycache() {
        return analyzer.analyze(SQL);
    }
}
