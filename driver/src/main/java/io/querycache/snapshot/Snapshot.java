package io.querycache.snapshot;

/**
 * An immutable captured result: its metadata and every row. Each cell holds the live driver's
 * {@code getObject} value (a private copy when the value is mutable) and, where the driver's
 * {@code getString} differs from the value's own text, that string too.
 */
public final class Snapshot {

    private final SnapshotMetaData metaData;
    private final Object[][] values;
    /** Per row, the getString text of each cell that needs one; null for a row that needs none. */
    private final String[][] texts;
    private final long estimatedBytes;

    Snapshot(SnapshotMetaData metaData, Object[][] values, String[][] texts, long estimatedBytes) {
        this.metaData = metaData;
        this.values = values;
        this.texts = texts;
        this.estimatedBytes = estimatedBytes;
    }

    public SnapshotMetaData metaData() { return metaData; }

    public int rowCount() { return values.length; }

    /** Estimated retained heap, computed once at capture. */
    public long estimatedBytes() { return estimatedBytes; }

    Object value(int row, int column) {
        return values[row][column - 1];
    }

    /** The driver's getString for the cell, or null when it equals the value's own text. */
    String text(int row, int column) {
        String[] t = texts[row];
        return t == null ? null : t[column - 1];
    }
}
