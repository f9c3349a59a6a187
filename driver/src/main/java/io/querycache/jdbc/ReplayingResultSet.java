package io.querycache.jdbc;

import io.querycache.snapshot.Capture;
import io.querycache.snapshot.SnapshotResultSet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result too large to cache, returned whole: replays the rows captured before the budget ran out, then
 * streams the rest from the live result set, which is positioned on the last captured row. Nothing is
 * retained beyond the rows already read.
 */
final class ReplayingResultSet extends DelegatingResultSet {

    private final ResultSet live;
    private final Statement statement;
    private boolean streaming;

    ReplayingResultSet(Capture capture, Statement statement) {
        super(new SnapshotResultSet(capture.readSoFar(), ResultSet.TYPE_FORWARD_ONLY, statement));
        this.live = capture.live();
        this.statement = statement;
    }

    @Override
    public boolean next() throws SQLException {
        if (!streaming) {
            if (delegate.next()) {
                return true;
            }
            delegate.close();
            delegate = live;
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
        delegate.close();
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
