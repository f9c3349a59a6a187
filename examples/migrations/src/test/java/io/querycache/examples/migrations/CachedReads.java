package io.querycache.examples.migrations;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The application side of the migration tests: a querycache pool, and hinted reads rendered as text. */
final class CachedReads {

    private CachedReads() {
    }

    /** A pool on {@code jdbc:querycache:<database>}; a null cache name leaves the default (URL and user). */
    static HikariDataSource pool(String database, String cacheName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:querycache:" + database);
        config.setUsername("sa");
        config.setMaximumPoolSize(2);
        if (cacheName != null) {
            config.addDataSourceProperty("querycache.name", cacheName);
        }
        return new HikariDataSource(config);
    }

    /** Every row as {@code column=value,...}, every column included, so added columns show. */
    static List<String> rows(DataSource dataSource, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? "," : "").append(meta.getColumnLabel(i).toLowerCase()).append('=')
                            .append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
