package io.querycache.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What capture learned from the live driver about one result's columns. Per column and {@link ValueCategory
 * value category}, calibration compared every getter's live answer with the snapshot's derived one; each getter
 * that differed got a slot, whose live answer is recorded for every row, and a refusal that a driver gives for
 * a whole type is kept once per category. Slots of getters whose answer depends on the very value (see
 * {@link ValueDependence#dependentOn}) are recorded only on the rows whose values need them.
 *
 * <p>The finished calibration is remembered per SQL text ({@link Calibrations}), so the next miss of the same
 * query starts calibrated and only reads values. A capture works on a copy that shares the remembered one's
 * tables until it learns something new (copy on write), so snapshots of one query share them too.
 */
final class Calibration {

    /** The live result set's class: a remembered calibration serves only the same driver. */
    final Class<?> resultSetClass;
    /** The result's metadata: entries of one query share it while it stays the same. */
    final SnapshotMetaData metaData;
    /** [column - 1][probe]: the slot of a getter whose live answer is recorded, or -1 to derive it. */
    private int[][] slots;
    /** The slots as snapshots read them, made when a snapshot asks; null after a change. */
    private GetterSlots getterSlots;
    /** Per slot: {column, probe ordinal, 1 when recorded only for rows whose value depends on it}. */
    private List<int[]> owners;
    /** By slot and category: the driver's refusal for the type. */
    private SlotCategoryTable refusals;
    /** By slot and category: the {@link DriverRule} the driver follows there ({@link DriverRule.Learned}). */
    private SlotCategoryTable rules;
    /** [slot]: what a driver threw on numbers and words, by their text's shape (see SnapshotCapture). */
    private java.util.Map<String, Object>[] shapeRefusals;
    /**
     * [column - 1][category]: the bits ({@link Probe#bit}) of the getters compared with the driver on a cell of the
     * category. A getter whose answer depends on the very cell calibrated on ({@link ValueDependence#dependentOn})
     * is not compared there: a later cell of the category compares it.
     */
    private long[][] compared;
    /** Per column: a time of day read as a timestamp falls on 1970-01-01 (pgjdbc), not today (H2). */
    private boolean[] timesOnEpochDate;
    /** True while the tables above are another calibration's (never to be changed through this one). */
    private boolean shared;
    /** True once this calibration learned something its origin did not know. */
    private boolean learned;

    Calibration(Class<?> resultSetClass, SnapshotMetaData metaData) {
        this.resultSetClass = resultSetClass;
        this.metaData = metaData;
        int columns = metaData.getColumnCount();
        this.slots = new int[columns][Probe.ALL.length];
        for (int[] s : slots) {
            Arrays.fill(s, -1);
        }
        this.owners = new ArrayList<>();
        this.refusals = new SlotCategoryTable();
        this.rules = new SlotCategoryTable();
        this.shapeRefusals = newShapeTable(8);
        this.compared = new long[columns][ValueCategory.COUNT];
        this.timesOnEpochDate = new boolean[columns];
        this.learned = true;
    }

    private Calibration(Calibration from) {
        this.resultSetClass = from.resultSetClass;
        this.metaData = from.metaData;
        this.slots = from.slots;
        this.getterSlots = from.getterSlots;
        this.owners = from.owners;
        this.refusals = from.refusals;
        this.rules = from.rules;
        this.shapeRefusals = from.shapeRefusals;
        this.compared = from.compared;
        this.timesOnEpochDate = from.timesOnEpochDate;
        this.shared = true;
    }

    /** A copy to extend, sharing this one's tables until it changes them. */
    Calibration copy() {
        return new Calibration(this);
    }

    /** Counts changes, so that what is worked out from the tables can tell when to work it out again. */
    private int version;

    int version() {
        return version;
    }

    /** Before any change: own copies of the tables. */
    private void own() {
        version++;
        learned = true;
        getterSlots = null;
        if (!shared) {
            return;
        }
        shared = false;
        int[][] s = new int[slots.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = slots[i].clone();
        }
        slots = s;
        List<int[]> o = new ArrayList<>(owners.size());
        for (int[] owner : owners) {
            o.add(owner.clone());
        }
        owners = o;
        refusals = refusals.copy();
        rules = rules.copy();
        java.util.Map<String, Object>[] sr = shapeRefusals.clone();
        for (int i = 0; i < sr.length; i++) {
            sr[i] = sr[i] == null ? null : new java.util.HashMap<>(sr[i]);
        }
        shapeRefusals = sr;
        long[][] c = new long[compared.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = compared[i].clone();
        }
        compared = c;
        timesOnEpochDate = timesOnEpochDate.clone();
    }

    /** A rough retained size: the tables, the remembered refusals and shapes, and the metadata. */
    long estimatedBytes() {
        long bytes = 64 + metaData.estimatedBytes() + 16L + 8L * compared.length
                + (long) compared.length * (16 + 8L * ValueCategory.COUNT) + 16 + timesOnEpochDate.length;
        bytes += 16 + 4L * slots.length + (long) slots.length * (16 + 4L * Probe.ALL.length);
        bytes += 16 + 8L * slots.length; // recordedGetters
        bytes += 24 + 32L * owners.size();
        bytes += refusals.estimatedBytes(120) + rules.estimatedBytes(48);
        for (java.util.Map<String, Object> shapes : shapeRefusals) {
            if (shapes != null) {
                for (String shape : shapes.keySet()) {
                    bytes += 32 + 40 + shape.length() + 48;
                }
            }
        }
        return bytes;
    }

    boolean learned() {
        return learned;
    }

    /** Now remembered: what it learned is no longer news. */
    void remembered() {
        learned = false;
    }

    /** Whether every getter but the {@code dependent} ones was compared on a cell of the column and category. */
    boolean isCalibrated(int column, int category, long dependent) {
        return (compared[column - 1][category] | dependent) == Probe.ALL_BITS;
    }

    /** The getters compared so far on cells of the column and category. */
    long compared(int column, int category) {
        return compared[column - 1][category];
    }

    void markCompared(int column, int category, long getters) {
        own();
        compared[column - 1][category] |= getters;
    }

    /** The getters compared per category on the column ([category]; not to be changed). */
    long[] comparedOf(int column) {
        return compared[column - 1];
    }

    /** The slots of the column's recorded getters. */
    int[] slotsOf(int column) {
        return java.util.stream.IntStream.range(0, owners.size()).filter(s -> owners.get(s)[0] == column).toArray();
    }

    /** The slot's refusals by text shape, or null; not to be changed. */
    java.util.Map<String, Object> shapeRefusals(int slot) {
        return slot < shapeRefusals.length ? shapeRefusals[slot] : null;
    }

    int slotCount() {
        return owners.size();
    }

    /** The slot of the probe on the column, or -1. */
    int slotOf(int column, Probe probe) {
        return slots[column - 1][probe.ordinal()];
    }

    /** {column, probe ordinal, value-level flag} of a slot; not to be changed. */
    int[] owner(int slot) {
        return owners.get(slot);
    }

    /** The slot of the probe on the column, made if missing. */
    int slot(int column, Probe probe, boolean valueLevel) {
        int slot = slots[column - 1][probe.ordinal()];
        if (slot < 0) {
            own();
            slot = owners.size();
            slots[column - 1][probe.ordinal()] = slot;
            owners.add(new int[] {column, probe.ordinal(), valueLevel ? 1 : 0});
        }
        return slot;
    }

    /** From now on the slot's live answer is recorded on every row, whatever the value. */
    void recordForEveryRow(int slot) {
        if (owners.get(slot)[2] != 0) {
            own();
            owners.get(slot)[2] = 0;
        }
    }

    /** The type-wide refusal of the slot's getter for values of the category, or null. */
    Object refusal(int slot, int category) {
        return refusals.get(slot, category);
    }

    void refuse(int slot, int category, Object refusal) {
        own();
        refusals.put(slot, category, refusal);
    }

    /** The rule the driver follows for the slot's getter on values of the category, or null. */
    DriverRule.Learned rule(int slot, int category) {
        return (DriverRule.Learned) rules.get(slot, category);
    }

    void adopt(int slot, int category, DriverRule.Learned rule) {
        own();
        rules.put(slot, category, rule);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object>[] newShapeTable(int length) {
        return (java.util.Map<String, Object>[]) new java.util.Map<?, ?>[length];
    }

    /** What the driver threw for this slot on a number or word of this text shape, or null. */
    Object shapeRefusal(int slot, String shape) {
        java.util.Map<String, Object> byShape = slot < shapeRefusals.length ? shapeRefusals[slot] : null;
        return byShape == null ? null : byShape.get(shape);
    }

    /** Shapes remembered per slot at most: free text has as many shapes as values. */
    private static final int MAX_SHAPES = 64;

    void refuseShape(int slot, String shape, Object refusal) {
        java.util.Map<String, Object> known = slot < shapeRefusals.length ? shapeRefusals[slot] : null;
        if (known != null && known.size() >= MAX_SHAPES) {
            return;
        }
        own();
        if (slot >= shapeRefusals.length) {
            shapeRefusals = Arrays.copyOf(shapeRefusals, Math.max(shapeRefusals.length * 2, slot + 1));
        }
        if (shapeRefusals[slot] == null) {
            shapeRefusals[slot] = new java.util.HashMap<>();
        }
        shapeRefusals[slot].put(shape, refusal);
    }

    boolean timesOnEpochDate(int column) {
        return timesOnEpochDate[column - 1];
    }

    void markTimesOnEpochDate(int column) {
        if (!timesOnEpochDate[column - 1]) {
            own();
            timesOnEpochDate[column - 1] = true;
        }
    }

    /** The slots for a snapshot; never changed afterwards (a later change works on copies of the tables). */
    GetterSlots slots() {
        if (getterSlots == null) {
            getterSlots = new GetterSlots(slots, timesOnEpochDate, refusals, rules);
        }
        shared = true;
        return getterSlots;
    }
}
