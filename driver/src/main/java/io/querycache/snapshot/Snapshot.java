package io.querycache.snapshot;

import java.sql.ResultSet;

/**
 * An immutable captured result: its metadata and every row. Each cell holds the live driver's
 * {@code getObject} value (a private copy when the value is mutable) and, where the driver's
 * {@code getString} differs from the value's own text, that string too; the getters whose live answers
 * calibration found the snapshot cannot derive are recorded per row ({@link GetterSlots}).
 */
public final class Snapshot {

    private final SnapshotMetaData metaData;
    private final Object[][] values;
    /** Per row, the getString text of each cell that needs one; null for a row that needs none. */
    private final String[][] texts;
    /** Which getters are recorded, and where; shared by the snapshots of one calibration. */
    private final GetterSlots slots;
    /**
     * Per row, the answers recorded by slot, {@link #DERIVE} (or past the end, for rows captured before a slot
     * existed) where the row holds none; null for a row that holds none at all.
     */
    private final Object[][] recorded;
    /** Per row, each cell's value {@link ValueCategory} (as at capture), for what holds by category; or null. */
    private final byte[][] categories;
    /** Estimated retained bytes, at most Integer.MAX_VALUE (an entry's weight is an int anyway). */
    private final int estimatedBytes;
    /** True for pgjdbc, whose getBlob/getClob name server-side large objects that a snapshot cannot hold. */
    private final boolean noLargeObjects;
    /**
     * The live result set's getHoldability (bits 0-1) and getFetchDirection (bits 2-3, less FETCH_FORWARD, plus
     * one) answers, 0 for a refusal: a short, which fits the object's padding (EntryMemoryTest counts every byte).
     */
    private final short cursor;

    /**
     * @param holdability    the live result set's getHoldability answer, or what it threw
     * @param fetchDirection the live result set's getFetchDirection answer, or what it threw
     */
    Snapshot(SnapshotMetaData metaData, Object[][] values, String[][] texts, GetterSlots slots, Object[][] recorded,
             byte[][] categories, long estimatedBytes, boolean noLargeObjects, Object holdability,
             Object fetchDirection) {
        this.metaData = metaData;
        this.values = values;
        this.texts = texts;
        this.slots = slots;
        this.recorded = recorded;
        this.categories = categories;
        this.estimatedBytes = (int) Math.min(Integer.MAX_VALUE, estimatedBytes);
        this.noLargeObjects = noLargeObjects;
        int h = holdability instanceof Integer ? (Integer) holdability : 0;
        int f = fetchDirection instanceof Integer ? (Integer) fetchDirection - ResultSet.FETCH_FORWARD + 1 : 0;
        this.cursor = (short) (h & 3 | (f & 3) << 2);
    }

    /** Marks a getter answer that was not recorded and must be derived from the value. */
    static final Object DERIVE = new Object();

    /** True when no cell of the column has a recorded answer for the getter: derive it from the value. */
    boolean derives(int column, Probe getter) {
        return slots.derives(column, getter);
    }

    /** The live driver's recorded answer for this getter on this cell, or {@link #DERIVE}. */
    Object recorded(int row, int column, Probe probe) {
        int slot = slots.slot(column, probe);
        if (slot < 0) {
            return DERIVE;
        }
        Object[] answers = recorded[row];
        Object answer = answers != null && slot < answers.length ? answers[slot] : DERIVE;
        if (answer == DERIVE) {
            byte[] byColumn = categories == null ? null : categories[row];
            answer = byColumn == null ? DERIVE : slots.byCategory(slot, byColumn[column - 1]);
        }
        if (answer instanceof DriverRule.Learned) {
            Object value = values[row][column - 1];
            String t = text(row, column);
            String text = t != null ? t : ownText(value);
            DriverRule.Learned rule = (DriverRule.Learned) answer;
            return rule.covers(value, text) ? rule.answer(value, text) : DERIVE;
        }
        return answer;
    }

    /** A value's text when the driver's getString was not kept for it: it equals the value's own. */
    static String ownText(Object value) {
        return value instanceof CellValues.LobText ? ((CellValues.LobText) value).text : String.valueOf(value);
    }

    /** Per column: a time of day read as a timestamp falls on 1970-01-01 (pgjdbc), not today (H2). */
    boolean timesOnEpochDate(int column) {
        return slots.timesOnEpochDate(column);
    }

    /** The live getHoldability answer, or 0 if it refused. */
    int holdability() { return cursor & 3; }

    /** The live getFetchDirection answer, or 0 if it refused. */
    int fetchDirection() {
        int f = cursor >> 2 & 3;
        return f == 0 ? 0 : ResultSet.FETCH_FORWARD + f - 1;
    }

    boolean noLargeObjects() { return noLargeObjects; }

    SnapshotMetaData metaData() { return metaData; }

    public int rowCount() { return values.length; }

    /** Estimated retained heap, computed once at capture. */
    public long estimatedBytes() { return estimatedBytes; }

    /** The cells of a row (0-based), never to be changed. */
    Object[] row(int row) {
        return values[row];
    }

    Object value(int row, int column) {
        return values[row][column - 1];
    }

    /** The driver's getString for the cell, or null when it equals the value's own text. */
    String text(int row, int column) {
        String[] t = texts[row];
        return t == null ? null : t[column - 1];
    }
}
