package io.querycache.examples.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A DAO as legacy applications write them: plain JDBC on a pooled DataSource, a transaction per write. The only
 * querycache-specific thing in it is the comment in front of the two reads ({@code /*cache:countries,600*}{@code /}):
 * with a plain {@code jdbc:h2:} URL it runs exactly as before.
 */
public final class CountryDao {

    static final String FIND_NAME = "/*cache:countries,600*/ SELECT name FROM countries WHERE code = ?";
    static final String LIST = "/*cache:countries,600*/ SELECT code, name FROM countries ORDER BY code";

    private final DataSource dataSource;

    public CountryDao(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS countries(code CHAR(2) PRIMARY KEY, name VARCHAR(60) NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS country_audit(code CHAR(2), old_name VARCHAR(60), new_name VARCHAR(30))");
            s.execute("DELETE FROM countries");
            s.execute("INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France'), ('IT', 'Italy')");
        }
    }

    public Optional<String> findName(String code) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND_NAME)) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public List<String> listCodes() throws SQLException {
        List<String> codes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(LIST)) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    /** Renames a country and records it, in one transaction; nothing querycache-specific in it. */
    public void rename(String code, String newName) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String oldName;
                try (PreparedStatement read = c.prepareStatement("SELECT name FROM countries WHERE code = ? FOR UPDATE")) {
                    read.setString(1, code);
                    try (ResultSet rs = read.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("No country " + code);
                        }
                        oldName = rs.getString(1);
                    }
                }
                try (PreparedStatement update = c.prepareStatement("UPDATE countries SET name = ? WHERE code = ?")) {
                    update.setString(1, newName);
                    update.setString(2, code);
                    update.executeUpdate();
                }
                try (PreparedStatement audit = c.prepareStatement("INSERT INTO country_audit VALUES (?, ?, ?)")) {
                    audit.setString(1, code);
                    audit.setString(2, oldName);
                    audit.setString(3, newName);
                    audit.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
