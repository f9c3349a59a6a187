package io.querycache.testing;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An H2 trigger (a Java class, so its body is unreadable to querycache): on every inserted, updated or deleted
 * row of table T it inserts the row's first column into T_AUDIT (same schema). Write forms, issue 11.
 */
public final class H2AuditTrigger implements Trigger {

    private String audit;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
            int type) {
        this.audit = "\"" + schemaName + "\".\"" + tableName + "_AUDIT\"";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object id = newRow != null ? newRow[0] : oldRow[0];
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + audit + " VALUES (?)")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }
}
