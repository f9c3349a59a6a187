package io.querycache.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result too large to cache: replays the rows captured before the budget ran out, then streams the rest
 * from the live result set, which is positioned on the last captured row.
 */
final class ReplayingResultSet extends ForwardingResultSet {

    private final ResultSet live;
    private final Statement statement;
    private boolean streaming;

    ReplayingResultSet(Snapshot readSoFar, ResultSet live, Statement statement) {
        super(new SnapshotResultSet(readSoFar, ResultSet.TYPE_FORWARD_ONLY, statement));
        this.live = live;
        this.statement = statement;
    }

    @Override
    public boolean next() throws SQLException {
        if (!streaming) {
            if (current.next()) {
                return true;
            }
            current.close();
            current = live;
            streaming = true;
        }
        return live.next();
    }

    @Override
    public int getType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public void close() throws SQLException {
        current.close();
        live.close();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return live.isClosed();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : live.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || live.isWrapperFor(iface);
    }
}
