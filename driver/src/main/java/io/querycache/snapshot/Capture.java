package io.querycache.snapshot;

import java.sql.ResultSet;

/** The outcome of {@link SnapshotCapture#capture}: a complete snapshot, or the rows read so far and the rest. */
public final class Capture {

    private final Snapshot snapshot;
    private final Snapshot readSoFar;
    private final ResultSet live;
    private final boolean unsafeValue;

    Capture(Snapshot snapshot, Snapshot readSoFar, ResultSet live, boolean unsafeValue) {
        this.snapshot = snapshot;
        this.readSoFar = readSoFar;
        this.live = live;
        this.unsafeValue = unsafeValue;
    }

    /** The whole result, or null when it exceeded the budget or held a value that cannot be kept. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * True when capture stopped on a value that a snapshot cannot reproduce exactly (one that cannot be copied
     * safely, a driver object of its own kind such as pgjdbc's SQLXML, or one the driver fails to read), rather
     * than on size.
     */
    public boolean stoppedOnUnsafeValue() {
        return unsafeValue;
    }

    /** When {@link #snapshot()} is null: the rows read before capture stopped. */
    public Snapshot readSoFar() {
        return readSoFar;
    }

    /** The live result set, positioned on the first row not in {@link #readSoFar()} (there is always one). */
    public ResultSet live() {
        return live;
    }
}
