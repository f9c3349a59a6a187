package io.querycache.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a live result set into a {@link Snapshot}, within a row and byte budget. Past the budget (or on a
 * value that cannot be kept safely) it stops and hands back the rows read so far together with the live
 * result set, so that the caller still returns the whole result.
 *
 * <p>Each cell keeps the driver's {@code getObject} value and, where it differs from the value's own text,
 * its {@code getString}. Other getters are derived from those, except where {@link Probe calibration} found
 * that the driver answers differently: those answers are recorded from the live driver for every row.
 */
public final class SnapshotCapture {

    private SnapshotCapture() {
    }

    /** Captures without remembering calibration (tests). */
    public static Capture capture(ResultSet live, int maxRows, long maxBytes) throws SQLException {
        return capture(live, maxRows, maxBytes, new Calibrations(), null);
    }

    /**
     * @param calibrations where this cache remembers what calibration learned, per SQL text
     * @param sql          the query's text, the key of its calibration; null to calibrate afresh
     */
    public static Capture capture(ResultSet live, int maxRows, long maxBytes, Calibrations calibrations, String sql)
            throws SQLException {
        try {
            return read(live, maxRows, maxBytes, calibrations, sql);
        } catch (SQLException | RuntimeException | Error e) {
            // Whatever failed, the live result set is not handed on: close it, or the caller leaks it.
            try {
                live.close();
            } catch (SQLException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static Capture read(ResultSet live, int maxRows, long maxBytes, Calibrations calibrations, String sql)
            throws SQLException {
        SnapshotMetaData fresh = new SnapshotMetaData(live.getMetaData());
        int columns = fresh.getColumnCount();
        Calibration calibration = calibrations.start(sql, live.getClass(), fresh);
        Object holdability = keep(Probe.holdability(live));
        Object fetchDirection = keep(Probe.fetchDirection(live));
        SnapshotMetaData metaData = calibration.metaData;
        java.time.zone.ZoneRules zone = java.time.ZoneId.systemDefault().getRules();
        List<Object[]> values = new ArrayList<>();
        List<String[]> texts = new ArrayList<>();
        List<Object[]> recorded = new ArrayList<>();
        List<byte[]> recordedCategories = new ArrayList<>();
        SlotPlans plans = new SlotPlans(calibration, columns);
        // Metadata shared with earlier entries of the same query is not this entry's to count.
        long bytes = 96 + (metaData == fresh ? metaData.estimatedBytes() : 0);
        Probe[][] dependent = new Probe[columns][];
        int[] categories = new int[columns];
        while (live.next()) {
            Object[] row = new Object[columns];
            String[] text = null;
            boolean unsafe = false;
            bytes += 32 + 8L * columns;
            for (int c = 1; c <= columns && !unsafe; c++) {
                Object value;
                Object kept;
                try {
                    value = live.getObject(c);
                    kept = CellValues.copyIn(value);
                } catch (SQLException e) {
                    // The driver cannot read this value (pgjdbc's getObject on money 1,234.56): the live result
                    // set answers this row and the rest, and throws when the caller reads it, as the driver does.
                    value = null;
                    kept = CellValues.UNSAFE;
                }
                if (kept == CellValues.UNSAFE) {
                    unsafe = true;
                    break;
                }
                row[c - 1] = kept;
                bytes += CellValues.estimate(kept);
                if (value != null && !(value instanceof String) && !(kept instanceof CellValues.LobBytes)
                        && !(kept instanceof CellValues.LobText)) {
                    String s;
                    try {
                        s = live.getString(c);
                    } catch (SQLException e) {
                        unsafe = true;
                        break;
                    }
                    if (s != null && !s.equals(String.valueOf(value))) {
                        if (text == null) {
                            text = new String[columns];
                            bytes += 16 + 4L * columns;
                        }
                        text[c - 1] = s;
                        bytes += 40 + s.length();
                    }
                }
            }
            if (unsafe) {
                return stopped(live, metaData, values, texts, recorded, recordedCategories, calibration, calibrations,
                        sql, true, holdability, fetchDirection);
            }
            for (int c = 1; c <= columns; c++) {
                Object value = row[c - 1];
                int category = ValueCategory.of(value);
                categories[c - 1] = category;
                dependent[c - 1] = ValueDependence.dependentOn(value, category, zone);
                long dependentBits = Probe.bits(dependent[c - 1]);
                if (!calibration.isCalibrated(c, category, dependentBits)) {
                    if (calibration.compared(c, category) == 0 && timeOfDayOnEpochDate(live, value, c)) {
                        calibration.markTimesOnEpochDate(c);
                    }
                    calibrate(live, metaData, row, text, c, calibration, category, dependent[c - 1]);
                    calibration.markCompared(c, category, Probe.ALL_BITS & ~dependentBits);
                }
                for (Probe probe : dependent[c - 1]) {
                    calibration.slot(c, probe, true);
                }
            }
            // Only what a row must hold is recorded on it: live answers, and refusals by the shape of its text.
            // A refusal or a rule that holds for a cell's value category is resolved when the snapshot is read.
            Object[] answers = null;
            byte[] rowCategories = null;
            if (calibration.slotCount() > 0) {
                rowCategories = new byte[columns];
                bytes += 16 + (columns + 7 & ~7);
                for (int c = 1; c <= columns; c++) {
                    int category = categories[c - 1];
                    rowCategories[c - 1] = (byte) category;
                    int[] plan = plans.of(c, category);
                    Probe[] dependsOn = dependent[c - 1];
                    if (plan.length == 0 && dependsOn.length == 0) {
                        continue;
                    }
                    Object value = row[c - 1];
                    String shape = null;
                    boolean shaped = false;
                    for (int s : plan) {
                        Probe probe = Probe.ALL[calibration.owner(s)[1]];
                        if (dependsOn.length > 0 && contains(dependsOn, probe)) {
                            continue; // recorded below, whatever the category says
                        }
                        DriverRule.Learned rule = calibration.rule(s, category);
                        if (rule != null && rule.covers(value, cellText(row, text, c))) {
                            continue; // the driver's answer follows from the cell: derived when read
                        }
                        if (!shaped) {
                            shape = shape(value, category, text, c);
                            shaped = true;
                        }
                        Object seen = shape == null ? null : calibration.shapeRefusal(s, shape);
                        Object answer = seen;
                        if (seen == null) {
                            Object liveAnswer = Probe.read(live, c, probe);
                            answer = keep(liveAnswer);
                            if (shape != null && liveAnswer instanceof Throwable && answer != CellValues.UNSAFE) {
                                // pgjdbc parses a number's or a word's text as a date and fails by its shape (out
                                // of bounds on "1" or "item 1", a bad value on "1e300" or "item 10"): texts that
                                // differ only in their digits fail alike ("infinity" is a date to pgjdbc).
                                calibration.refuseShape(s, shape, answer);
                            }
                            bytes += CellValues.estimate(answer);
                        }
                        unsafe |= answer == CellValues.UNSAFE;
                        answers = recordedAnswers(answers, calibration.slotCount());
                        answers[s] = answer;
                        bytes += 8;
                    }
                    for (Probe probe : dependsOn) {
                        Object answer = keep(Probe.read(live, c, probe));
                        unsafe |= answer == CellValues.UNSAFE;
                        answers = recordedAnswers(answers, calibration.slotCount());
                        answers[calibration.slotOf(c, probe)] = answer;
                        bytes += 8 + CellValues.estimate(answer);
                    }
                }
                bytes += answers == null ? 0 : 16;
            }
            if (unsafe || values.size() >= maxRows || bytes > maxBytes) {
                // This row is not kept: the live result set, which stands on it, answers it and the rest.
                return stopped(live, metaData, values, texts, recorded, recordedCategories, calibration, calibrations,
                        sql, unsafe, holdability, fetchDirection);
            }
            values.add(row);
            texts.add(text);
            recorded.add(answers);
            recordedCategories.add(rowCategories);
        }
        Snapshot complete = snapshot(live, metaData, values, texts, recorded, recordedCategories, calibration, bytes,
                holdability, fetchDirection);
        calibrations.remember(sql, calibration);
        return new Capture(complete, null, live, false);
    }

    /** The rows read before this one, and the live result set standing on this one. */
    private static Capture stopped(ResultSet live, SnapshotMetaData metaData, List<Object[]> values,
                                   List<String[]> texts, List<Object[]> recorded, List<byte[]> categories,
                                   Calibration calibration, Calibrations calibrations, String sql, boolean unsafe,
                                   Object holdability, Object fetchDirection) {
        Snapshot partial = snapshot(live, metaData, values, texts, recorded, categories, calibration, 0, holdability,
                fetchDirection);
        calibrations.remember(sql, calibration);
        return new Capture(null, partial, live, unsafe);
    }

    private static Snapshot snapshot(ResultSet live, SnapshotMetaData metaData, List<Object[]> values,
                                     List<String[]> texts, List<Object[]> recorded, List<byte[]> categories,
                                     Calibration calibration, long bytes, Object holdability, Object fetchDirection) {
        return new Snapshot(metaData, values.toArray(new Object[0][]), texts.toArray(new String[0][]),
                calibration.slots(), recorded.toArray(new Object[0][]), categories.toArray(new byte[0][]), bytes,
                largeObjectsOnServer(live), holdability, fetchDirection);
    }

    /** A row's recorded answers, made on its first: every slot {@link Snapshot#DERIVE} (resolved when read). */
    private static Object[] recordedAnswers(Object[] answers, int slots) {
        if (answers == null) {
            answers = new Object[slots];
            Arrays.fill(answers, Snapshot.DERIVE);
        }
        return answers;
    }

    /**
     * Per column and value category, the slots a row must record: those recorded on every row for which the
     * category has no type-wide refusal (a rule's slot too: a cell it does not cover is recorded). Worked out once
     * per capture and calibration change, so that a row's loop visits only what it records.
     */
    private static final class SlotPlans {
        private static final int[] NONE = new int[0];
        private final Calibration calibration;
        private final int[][][] byColumn;
        private int version = -1;

        SlotPlans(Calibration calibration, int columns) {
            this.calibration = calibration;
            this.byColumn = new int[columns][][];
        }

        int[] of(int column, int category) {
            if (version != calibration.version()) {
                version = calibration.version();
                Arrays.fill(byColumn, null);
            }
            int[][] byCategory = byColumn[column - 1];
            if (byCategory == null) {
                byCategory = byColumn[column - 1] = new int[ValueCategory.COUNT][];
            }
            int[] plan = byCategory[category];
            if (plan == null) {
                plan = NONE;
                for (int s = 0; s < calibration.slotCount(); s++) {
                    int[] owner = calibration.owner(s);
                    if (owner[0] == column && owner[2] == 0 && calibration.refusal(s, category) == null) {
                        plan = Arrays.copyOf(plan, plan.length + 1);
                        plan[plan.length - 1] = s;
                    }
                }
                byCategory[category] = plan;
            }
            return plan;
        }
    }

    /** The shape of a number's or a plain word's text ({@link #shapeOf}); null for other values. */
    private static String shape(Object value, int category, String[] text, int column) {
        if (!(value instanceof Number || value instanceof String && ValueCategory.plainText(category))) {
            return null;
        }
        return shapeOf(text == null || text[column - 1] == null ? value.toString() : text[column - 1]);
    }

    /**
     * A text with every digit written as 9: "-12.50" and "-98.07" have the same shape, as have "item 1" and
     * "item 7"; letters and other characters stay as they are.
     */
    static String shapeOf(String text) {
        char[] shape = text.toCharArray();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= '0' && shape[i] <= '9') {
                shape[i] = '9';
            }
        }
        return new String(shape);
    }

    private static boolean contains(Probe[] probes, Probe probe) {
        for (Probe p : probes) {
            if (p == probe) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a refusal holds for the column's whole type in the value's category: a getter the driver does not
     * support, a LOB getter, or a conversion of a value that is not parsed. A driver's unchecked exception is
     * never taken for the type's: pgjdbc's getDate on a number fails one way on short numbers and another on
     * long ones.
     */
    private static boolean typeWide(Object liveAnswer, boolean lob, Object value) {
        return liveAnswer instanceof java.sql.SQLFeatureNotSupportedException
                || liveAnswer instanceof ClassCastException // the driver cast the column's Java class
                || liveAnswer instanceof SQLException && (lob || refusesByType(value));
    }

    /**
     * Values whose conversions a driver accepts or refuses by type alone (numbers, booleans, dates and times,
     * and text that does not look like a number, time or boolean, which every conversion refuses): other text,
     * bytes and drivers' own objects are parsed, so their refusals depend on the value.
     */
    private static boolean refusesByType(Object value) {
        return value instanceof String && ValueCategory.plainText(ValueCategory.of(value)) || value instanceof Number
                || value instanceof Boolean || value instanceof java.util.Date || value instanceof java.time.temporal.Temporal;
    }

    /** Whether the driver reads a time of day as a timestamp on 1970-01-01 rather than today. */
    private static boolean timeOfDayOnEpochDate(ResultSet live, Object value, int column) {
        if (!(value instanceof java.sql.Time || value instanceof java.time.LocalTime
                || value instanceof java.time.OffsetTime)) {
            return false;
        }
        Object answer = Probe.read(live, column, Probe.TIMESTAMP_CAL);
        return answer instanceof java.sql.Timestamp
                && ((java.sql.Timestamp) answer).toInstant().atZone(java.time.ZoneOffset.UTC).getYear() == 1970;
    }

    /** pgjdbc reads getBlob/getClob of any column as a large object id, on the server. */
    static boolean largeObjectsOnServer(ResultSet live) {
        return live.getClass().getName().startsWith("org.postgresql.");
    }

    /**
     * Compares the live answer of every getter not yet compared on a cell of this column and value category with
     * the derived one; gives the ones that differ a slot, recorded for every row. Getters that depend on this very
     * value ({@code dependent}) are recorded per row anyway and are not compared here: a later cell of the category
     * whose value they do not depend on compares them (before, a category first seen on such a cell never
     * compared them, and its ordinary cells derived what the driver refuses).
     */
    private static void calibrate(ResultSet live, SnapshotMetaData metaData, Object[] row, String[] text, int column,
                                  Calibration calibration, int category, Probe[] dependent) throws SQLException {
        int columns = row.length;
        int[][] none = new int[columns][Probe.ALL.length];
        for (int[] s : none) {
            Arrays.fill(s, -1);
        }
        // The cell as the snapshot will answer it: getters derive from others (getBinaryStream from getBytes...),
        // so each answer the snapshot will record for this row stands in it (by the probe's ordinal) before the
        // getters that build on it are compared.
        Object[] answers = new Object[Probe.ALL.length];
        Snapshot single = new Snapshot(metaData, new Object[][] {row}, new String[][] {text},
                GetterSlots.filling(none), new Object[][] {answers}, null, 0, false, ResultSet.HOLD_CURSORS_OVER_COMMIT,
                ResultSet.FETCH_FORWARD);
        SnapshotResultSet derived = new SnapshotResultSet(single, ResultSet.TYPE_FORWARD_ONLY, null);
        derived.next();
        Object value = row[column - 1];
        long settled = calibration.compared(column, category);
        Object[] liveAnswers = new Object[Probe.ALL.length];
        boolean[] compare = new boolean[Probe.ALL.length];
        for (Probe probe : Probe.ALL) {
            boolean lob = probe == Probe.BLOB || probe == Probe.CLOB;
            if (lob && largeObjectsOnServer(live)) {
                // pgjdbc reads getBlob/getClob as a large object id, on the server (which would abort the
                // caller's transaction): never probed there, and refused by the snapshot.
                continue;
            }
            boolean always = contains(dependent, probe);
            int existing = calibration.slotOf(column, probe);
            if (!always && (settled & probe.bit) != 0 && (existing < 0 || calibration.owner(existing)[2] != 0)) {
                continue; // compared on an earlier cell of the category, and derived for cells like this one
            }
            Object liveAnswer = Probe.read(live, column, probe);
            liveAnswers[probe.ordinal()] = liveAnswer;
            if (existing >= 0 && (settled & probe.bit) != 0) {
                standIn(none[column - 1], answers, probe, liveAnswer); // recorded: the answer the row will hold
                continue;
            }
            if (existing >= 0) {
                // Already recorded (for another category): keep this category's type-wide refusal or rule, if any,
                // learned from a cell whose answer does not depend on the very value.
                if (!always) {
                    learnWhatHolds(calibration, existing, category, probe, liveAnswer, row, text, column);
                }
                if (always || calibration.owner(existing)[2] == 0) {
                    standIn(none[column - 1], answers, probe, liveAnswer);
                    continue;
                }
                // Recorded so far only for values that need it: compared below, and recorded for every row
                // from now on if this category's derivation is wrong.
            }
            if (always) {
                standIn(none[column - 1], answers, probe, liveAnswer);
                continue;
            }
            // LOBs are costly to make (H2 stores one per call), so only a driver's refusal is recorded; otherwise
            // getBlob/getClob serve the getBytes/getString answers, which are probed.
            compare[probe.ordinal()] = !lob || liveAnswer instanceof SQLException;
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Probe probe : Probe.ALL) {
                if (!compare[probe.ordinal()]) {
                    continue;
                }
                Object liveAnswer = liveAnswers[probe.ordinal()];
                if (!Probe.same(liveAnswer, Probe.read(derived, column, probe))) {
                    compare[probe.ordinal()] = false;
                    changed = true;
                    standIn(none[column - 1], answers, probe, liveAnswer);
                    int slot = calibration.slot(column, probe, false);
                    calibration.recordForEveryRow(slot);
                    learnWhatHolds(calibration, slot, category, probe, liveAnswer, row, text, column);
                }
            }
        }
    }

    /**
     * What holds for the slot's getter on every value of the category, learned from this cell: a refusal for a
     * value of a given type (not text, whose parsing depends on the value) is the type's, and a {@link DriverRule}
     * that gives the driver's answer here gives it for the category. Either is recorded once and serves every row,
     * since asking the driver on every row costs more than the raw row (and exceptions are costly to collect).
     */
    private static void learnWhatHolds(Calibration calibration, int slot, int category, Probe probe, Object liveAnswer,
                                       Object[] row, String[] text, int column) throws SQLException {
        Object value = row[column - 1];
        if (typeWide(liveAnswer, probe == Probe.BLOB || probe == Probe.CLOB, value)) {
            calibration.refuse(slot, category, keep(liveAnswer));
            return;
        }
        DriverRule.Learned rule = DriverRule.explain(probe, liveAnswer, value, cellText(row, text, column));
        if (rule != null) {
            calibration.adopt(slot, category, rule);
        }
    }

    /** The cell's getString text: the driver's where it was kept, else the value's own. */
    static String cellText(Object[] row, String[] text, int column) {
        String kept = text == null ? null : text[column - 1];
        return kept != null ? kept : Snapshot.ownText(row[column - 1]);
    }

    /** Puts the live answer the snapshot will record for this getter in the calibration's single-row snapshot. */
    private static void standIn(int[] slots, Object[] answers, Probe probe, Object liveAnswer) throws SQLException {
        Object kept = keep(liveAnswer);
        if (kept != CellValues.UNSAFE) {
            slots[probe.ordinal()] = probe.ordinal();
            answers[probe.ordinal()] = kept;
        }
    }

    /** A recorded answer made safe to keep: a refusal, or a private copy of the value. */
    private static Object keep(Object answer) throws SQLException {
        if (answer instanceof Throwable) {
            // Not the exception itself: it may hold on to driver state, and its stack trace costs kilobytes.
            return Refusal.of((Throwable) answer);
        }
        if (answer instanceof Probe.ArrayContent) {
            Probe.ArrayContent array = (Probe.ArrayContent) answer;
            Object elements = CellValues.copyIn(array.elements);
            return elements == CellValues.UNSAFE ? CellValues.UNSAFE
                    : new SnapshotArray(array.baseType, array.baseTypeName, elements);
        }
        return CellValues.copyIn(answer);
    }
}
