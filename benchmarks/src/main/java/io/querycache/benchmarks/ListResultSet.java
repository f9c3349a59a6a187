package io.querycache.benchmarks;

import org.h2.tools.SimpleResultSet;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;

/**
 * The floor's ResultSet: a cursor over prebuilt rows whose getters are an array read and a cast (the timestamp
 * copied, as a JDBC getter must). No checks of state or column, no conversions: what no real result set can beat.
 * It extends H2's {@link SimpleResultSet} only to inherit the rest of the interface.
 */
final class ListResultSet extends SimpleResultSet {

    private final List<Object[]> rows;
    private int next;
    private Object[] row;
    private boolean closed;

    ListResultSet(List<Object[]> rows) {
        this.rows = rows;
    }

    @Override
    public boolean next() {
        if (next < rows.size()) {
            row = rows.get(next++);
            return true;
        }
        row = null;
        return false;
    }

    @Override
    public int getInt(int column) {
        return (Integer) row[column - 1];
    }

    @Override
    public String getString(int column) {
        return (String) row[column - 1];
    }

    @Override
    public BigDecimal getBigDecimal(int column) {
        return (BigDecimal) row[column - 1];
    }

    @Override
    public Timestamp getTimestamp(int column) {
        return (Timestamp) ((Timestamp) row[column - 1]).clone();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
