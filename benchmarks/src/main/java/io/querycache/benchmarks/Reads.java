package io.querycache.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * The reads the hit benchmarks and their floors share, so that a floor does exactly what a hit does: every row's
 * id, name, price and created, each consumed by the same Blackhole. A JDBC getter hands out a private copy of a
 * mutable value, so the floor clones the timestamp too.
 */
final class Reads {

    private Reads() {
    }

    /** Reads every row and column of {@code rs} into {@code bh}, then closes it. */
    static void readAll(ResultSet rs, Blackhole bh) throws SQLException {
        while (rs.next()) {
            bh.consume(rs.getInt(1));
            bh.consume(rs.getString(2));
            bh.consume(rs.getBigDecimal(3));
            bh.consume(rs.getTimestamp(4));
        }
        rs.close();
    }

    /** The same reads from prebuilt rows, without a ResultSet: the monomorphic floor. */
    static void readRows(List<Object[]> rows, Blackhole bh) {
        for (Object[] row : rows) {
            bh.consume(((Integer) row[0]).intValue());
            bh.consume((String) row[1]);
            bh.consume((BigDecimal) row[2]);
            bh.consume(((Timestamp) row[3]).clone());
        }
    }

    /** The rows of {@code rs} as the floors hold them (id, name, price, created), closing it. */
    static List<Object[]> copy(ResultSet rs) throws SQLException {
        List<Object[]> rows = new java.util.ArrayList<>();
        while (rs.next()) {
            rows.add(new Object[] {rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getTimestamp(4)});
        }
        rs.close();
        return rows;
    }

    /** A Blackhole for warming call sites outside a measured method (JMH's documented escape hatch). */
    static Blackhole warmingBlackhole() {
        return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }
}
