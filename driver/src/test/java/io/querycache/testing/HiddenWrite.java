package io.querycache.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** An H2 procedure (CREATE ALIAS ... FOR "io.querycache.testing.HiddenWrite.renameGermany"): a write the parser cannot see. */
public final class HiddenWrite {

    private HiddenWrite() {
    }

    public static void renameGermany(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE countries SET name = ? WHERE code = 'DE'")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }
}
