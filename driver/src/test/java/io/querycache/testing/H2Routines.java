package io.querycache.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Java routines for H2's CREATE ALIAS (write forms, issue 11): they reach the calling session through
 * {@code jdbc:default:connection}, so what they read or write is invisible in the SQL text that calls them. The
 * table is an argument because every run uses uniquely prefixed names.
 */
public final class H2Routines {

    private H2Routines() {
    }

    /** {@code UPDATE <table> SET v = v + 1}; returns the count. The connection is the caller's: not closed. */
    public static int bump(String table) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:default:connection");
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE " + table + " SET v = v + 1");
        }
    }

    /** {@code SELECT v FROM <table> WHERE id = ?}: a function that reads a table. */
    public static Integer valueOf(String table, int id) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:default:connection");
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM " + table + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }
}
