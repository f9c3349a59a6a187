package io.querycache.dependency;

import java.sql.Connection;

/** An H2 trigger (a Java class): the catalog sees that it exists, never what it writes. */
public final class NoopTrigger implements org.h2.api.Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        // nothing: the test needs a trigger, not a write
    }
}
