package io.querycache.dependency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs one catalog query with string parameters and returns its rows as strings. */
final class CatalogRows {

    private CatalogRows() {
    }

    static List<String[]> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getString(c + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The first column of every row. */
    static List<String> column(Connection connection, String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String[] row : rows(connection, sql, parameters)) {
            values.add(row[0]);
        }
        return values;
    }

    /** "?, ?, ?" for an IN list of n values (n > 0). */
    static String placeholders(int n) {
        StringBuilder b = new StringBuilder("?");
        for (int i = 1; i < n; i++) {
            b.append(", ?");
        }
        return b.toString();
    }
}
