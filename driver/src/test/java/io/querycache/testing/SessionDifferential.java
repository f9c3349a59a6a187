package io.querycache.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A session change, applied alike to a querycache connection and to a raw one: after it, the hinted query
 * must return what the raw connection returns, although a connection of the initial session cached the same
 * SQL text first, and a connection that made the change first cached it too.
 */
public final class SessionDifferential {

    /** A change to a connection's session: SQL, or a JDBC method. */
    public interface Change {
        void apply(Connection c) throws SQLException;
    }

    public interface Opener {
        Connection open() throws SQLException;
    }

    private SessionDifferential() {
    }

    public static Change sql(String... statements) {
        return c -> {
            try (Statement s = c.createStatement()) {
                for (String q : statements) {
                    s.execute(q);
                }
            }
        };
    }

    /** The rows the query returns, one string per row. */
    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /**
     * @return pairs of (what querycache returned, what the raw connection returned) after the change: on a
     * connection whose first read of the text was a miss, and again (a hit) on a second connection changed alike
     */
    public static List<List<String>> run(Opener cached, Opener raw, Change change, String hintedQuery)
            throws SQLException {
        List<List<String>> results = new ArrayList<>();
        try (Connection initial = cached.open()) {
            rows(initial, hintedQuery); // the initial session's rows are cached first
        } catch (SQLException e) {
            // the initial session cannot read it (a temporary table, a schema off its path): nothing cached
        }
        for (int round = 0; round < 2; round++) {
            try (Connection c = cached.open(); Connection r = raw.open()) {
                change.apply(c);
                change.apply(r);
                results.add(rows(c, hintedQuery));
                results.add(rows(c, hintedQuery));
                results.add(rows(r, hintedQuery));
            }
        }
        return results;
    }
}
