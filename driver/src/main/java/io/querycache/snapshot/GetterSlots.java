package io.querycache.snapshot;

/**
 * What calibration decided for each column of a query, as snapshots read it: which getters answer the live
 * driver's recorded answer (and where in a row's recorded answers it is), which derive theirs from the value, and
 * whether a time of day read as a timestamp falls on 1970-01-01. Immutable, and shared by every snapshot taken
 * while the calibration stays the same; a calibration that learns more makes a new one.
 */
final class GetterSlots {

    /** [column - 1][probe]: the slot of a getter whose live answer is recorded, or -1 to derive it. */
    private final int[][] slots;
    /** [column - 1]: the bits ({@link Probe#bit}) of the getters with a slot on the column. */
    private final long[] recordedGetters;
    /** Per column: a time of day read as a timestamp falls on 1970-01-01 (pgjdbc), not today (H2). */
    private final boolean[] timesOnEpochDate;

    /** By slot and value category: the driver's refusals for the type, and the rules it follows; null for none. */
    private final SlotCategoryTable refusals;
    private final SlotCategoryTable rules;

    /** The arrays and tables are the caller's, never to be changed afterwards. */
    GetterSlots(int[][] slots, boolean[] timesOnEpochDate, SlotCategoryTable refusals, SlotCategoryTable rules) {
        this(slots, recordedGetters(slots), timesOnEpochDate, refusals, rules);
    }

    private GetterSlots(int[][] slots, long[] recordedGetters, boolean[] timesOnEpochDate,
                        SlotCategoryTable refusals, SlotCategoryTable rules) {
        this.slots = slots;
        this.recordedGetters = recordedGetters;
        this.timesOnEpochDate = timesOnEpochDate;
        this.refusals = refusals;
        this.rules = rules;
    }

    /**
     * What holds for the slot's getter on every value of the category: the driver's refusal, the {@link
     * DriverRule.Learned rule} it follows, or {@link Snapshot#DERIVE}.
     */
    Object byCategory(int slot, int category) {
        Object refusal = refusals == null ? null : refusals.get(slot, category);
        if (refusal != null) {
            return refusal;
        }
        Object rule = rules == null ? null : rules.get(slot, category);
        return rule != null ? rule : Snapshot.DERIVE;
    }

    /**
     * For the one-row snapshot calibration compares getters on: its slots fill in while it is read, so every
     * getter takes the path that reads them.
     */
    static GetterSlots filling(int[][] slots) {
        long[] every = new long[slots.length];
        java.util.Arrays.fill(every, -1L);
        return new GetterSlots(slots, every, new boolean[slots.length], null, null);
    }

    private static long[] recordedGetters(int[][] slots) {
        long[] bits = new long[slots.length];
        for (int column = 0; column < slots.length; column++) {
            for (Probe probe : Probe.ALL) {
                if (slots[column][probe.ordinal()] >= 0) {
                    bits[column] |= probe.bit;
                }
            }
        }
        return bits;
    }

    /** True when no cell of the column has a recorded answer for the getter: it is derived from the value. */
    boolean derives(int column, Probe getter) {
        return (recordedGetters[column - 1] & getter.bit) == 0;
    }

    /** The slot of the getter's recorded answers on the column, or -1. */
    int slot(int column, Probe getter) {
        return slots[column - 1][getter.ordinal()];
    }

    boolean timesOnEpochDate(int column) {
        return timesOnEpochDate[column - 1];
    }

    /** A rough retained size (counted once per calibration, not per snapshot). */
    long estimatedBytes() {
        return 32 + 16 + 4L * slots.length + (long) slots.length * (16 + 4L * Probe.ALL.length)
                + 16 + 8L * slots.length + 16 + slots.length;
    }
}
