package io.querycache.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What capture learned from the live driver about one result's columns. Per column and {@link Probe#category
 * value category}, calibration compared every getter's live answer with the snapshot's derived one; each getter
 * that differed got a slot, whose live answer is recorded for every row, and a refusal that a driver gives for
 * a whole type is kept once per category. Slots of getters whose answer depends on the very value (see
 * {@link Probe#dependentOn}) are recorded only on the rows whose values need them.
 *
 * <p>Capture works on a private copy; the finished calibration is remembered per SQL text ({@link
 * Calibrations}), so the next miss of the same query starts calibrated and only reads values.
 */
final class Calibration {

    /** The result's shape: driver, column types. A remembered calibration serves only the same shape. */
    final String signature;
    /** [column - 1][probe]: the slot of a getter whose live answer is recorded, or -1 to derive it. */
    final int[][] slots;
    /** Per slot: {column, probe ordinal, 1 when recorded only for rows whose value depends on it}. */
    final List<int[]> owners;
    /** Per slot and category ({@code slot * Probe.CATEGORIES + category}): the driver's refusal for the type. */
    final Map<Integer, Object> refusals;
    /** [column - 1][category]: calibrated. */
    final boolean[][] calibrated;
    /** Per column: a time of day read as a timestamp falls on 1970-01-01 (pgjdbc), not today (H2). */
    final boolean[] timesOnEpochDate;
    /** The result's metadata: entries of one query share a copy while it stays the same. */
    SnapshotMetaData metaData;
    /** True once this copy learned something its origin did not know. */
    boolean learned;
    /** The remembered calibration this is a copy of, or null. */
    private Calibration origin;

    Calibration(String signature, int columns) {
        this.signature = signature;
        this.slots = new int[columns][Probe.ALL.length];
        for (int[] s : slots) {
            Arrays.fill(s, -1);
        }
        this.owners = new ArrayList<>();
        this.refusals = new HashMap<>();
        this.calibrated = new boolean[columns][Probe.CATEGORIES];
        this.timesOnEpochDate = new boolean[columns];
    }

    private Calibration(Calibration from) {
        this.signature = from.signature;
        this.metaData = from.metaData;
        this.slots = deepCopy(from.slots);
        this.owners = new ArrayList<>(from.owners.size());
        for (int[] owner : from.owners) {
            owners.add(owner.clone());
        }
        this.refusals = new HashMap<>(from.refusals);
        this.calibrated = new boolean[from.calibrated.length][];
        for (int c = 0; c < calibrated.length; c++) {
            calibrated[c] = from.calibrated[c].clone();
        }
        this.timesOnEpochDate = from.timesOnEpochDate.clone();
    }

    /** A private copy to extend; remembered calibrations are never changed. */
    Calibration copy() {
        Calibration copy = new Calibration(this);
        copy.origin = this;
        return copy;
    }

    /** Now the remembered one: it has learned nothing beyond itself, and no longer needs its origin. */
    void remembered() {
        learned = false;
        origin = null;
    }

    /** The slots for a snapshot: the origin's own arrays when nothing new was learned, so entries share them. */
    int[][] slotsToKeep() {
        return learned || origin == null ? slots : origin.slots;
    }

    /** As {@link #slotsToKeep()}, for the times-of-day flags. */
    boolean[] timesOnEpochDateToKeep() {
        return learned || origin == null ? timesOnEpochDate : origin.timesOnEpochDate;
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] b = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }

    int slotCount() {
        return owners.size();
    }

    /** The slot of the probe on the column, made if missing. */
    int slot(int column, Probe probe, boolean valueLevel) {
        int slot = slots[column - 1][probe.ordinal()];
        if (slot < 0) {
            slot = owners.size();
            slots[column - 1][probe.ordinal()] = slot;
            owners.add(new int[] {column, probe.ordinal(), valueLevel ? 1 : 0});
            learned = true;
        }
        return slot;
    }

    /** From now on the slot's live answer is recorded on every row, whatever the value. */
    void recordForEveryRow(int slot) {
        int[] owner = owners.get(slot);
        if (owner[2] != 0) {
            owner[2] = 0;
            learned = true;
        }
    }

    /**
     * The result's shape as a string: the live result set's class and each column's type, name, class,
     * precision and scale; null when the driver will not tell (then nothing is remembered).
     */
    static String signatureOf(ResultSet live, SnapshotMetaData metaData) {
        try {
            StringBuilder s = new StringBuilder(live.getClass().getName());
            for (int c = 1; c <= metaData.getColumnCount(); c++) {
                s.append('|').append(metaData.getColumnType(c)).append(',').append(metaData.getColumnTypeName(c))
                        .append(',').append(metaData.getColumnClassName(c)).append(',')
                        .append(metaData.getPrecision(c)).append(',').append(metaData.getScale(c));
            }
            return s.toString();
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }
}
