package io.querycache.jdbc;

import io.querycache.snapshot.Capture;
import io.querycache.snapshot.SnapshotResultSet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result too large to cache (or holding a value a snapshot cannot reproduce), returned whole.
 *
 * <p>Forward-only: replays the rows captured before capture stopped, then streams the rest from the live result
 * set, which stands on the first row not captured (so the result always goes on after the replayed rows).
 * Nothing is retained beyond the rows already read.
 *
 * <p>Scrollable: the live result set is rewound and answers everything itself. A scroll-insensitive result set
 * already holds (or can re-read) every row it returned, so replaying copies of them would only add a second
 * cursor whose positions must be kept in step with the first: {@code absolute(-1)}, {@code getRow},
 * {@code isLast} and {@code previous} across the boundary are the driver's own, exactly.
 */
final class ReplayingResultSet extends DelegatingResultSet {

    private final ResultSet live;
    private final Statement statement;
    private final int type;
    private boolean streaming;
    private boolean moved;

    ReplayingResultSet(Capture capture, Statement statement) throws SQLException {
        super(new SnapshotResultSet(capture.readSoFar(), ResultSet.TYPE_FORWARD_ONLY, statement));
        this.live = capture.live();
        this.statement = statement;
        try {
            this.type = live.getType();
            if (type != ResultSet.TYPE_FORWARD_ONLY) {
                live.beforeFirst();
                delegate.close();
                delegate = live;
                streaming = true;
            }
        } catch (SQLException | RuntimeException e) {
            live.close(); // never handed to the caller: not leaked
            throw e;
        }
    }

    @Override
    public boolean next() throws SQLException {
        moved = true;
        if (!streaming) {
            if (delegate.next()) {
                return true;
            }
            // The live result set already stands on the first row not replayed.
            delegate.close();
            delegate = live;
            streaming = true;
            return true;
        }
        return live.next();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return streaming ? live.isBeforeFirst() : !moved;
    }

    @Override
    public boolean isFirst() throws SQLException {
        return streaming ? live.isFirst() : delegate.isFirst();
    }

    /** While replaying, at least the row the live result set stands on is still to come. */
    @Override
    public boolean isLast() throws SQLException {
        return streaming && live.isLast();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return streaming && live.isAfterLast();
    }

    @Override
    public int getRow() throws SQLException {
        return streaming ? live.getRow() : delegate.getRow();
    }

    @Override
    public int getType() {
        return type;
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
        return iface != null && (iface.isInstance(this) || live.isWrapperFor(iface));
    }
}
