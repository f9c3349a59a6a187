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

    public static Capture capture(ResultSet live, int maxRows, long maxBytes) throws SQLException {
        SnapshotMetaData metaData = new SnapshotMetaData(live.getMetaData());
        int columns = metaData.getColumnCount();
        int[][] slots = new int[columns][Probe.ALL.length];
        for (int[] s : slots) {
            Arrays.fill(s, -1);
        }
        List<int[]> slotOwners = new ArrayList<>();
        // Per slot, the refusal (SQLException) seen at calibration on a null (index 2s) or non-null (2s+1) cell.
        java.util.Map<Integer, Object> refusals = new java.util.HashMap<>();
        boolean[][] calibrated = new boolean[columns][2];
        boolean[] epochDates = new boolean[columns];
        List<Object[]> values = new ArrayList<>();
        List<String[]> texts = new ArrayList<>();
        List<Object[]> recorded = new ArrayList<>();
        long bytes = 96 + metaData.estimatedBytes();
        while (live.next()) {
            Object[] row = new Object[columns];
            String[] text = null;
            boolean unsafe = false;
            bytes += 32 + 8L * columns;
            for (int c = 1; c <= columns; c++) {
                Object value = live.getObject(c);
                Object kept = CellValues.copyIn(value);
                if (kept == CellValues.UNSAFE) {
                    unsafe = true;
                    kept = null;
                }
                row[c - 1] = kept;
                bytes += CellValues.estimate(kept);
                if (value != null && !(value instanceof String) && !(kept instanceof CellValues.LobBytes)
                        && !(kept instanceof CellValues.LobText)) {
                    String s = live.getString(c);
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
            for (int c = 1; c <= columns; c++) {
                int kind = row[c - 1] == null ? 0 : 1;
                if (!calibrated[c - 1][kind]) {
                    calibrated[c - 1][kind] = true;
                    calibrate(live, metaData, row, text, c, slots, slotOwners, refusals, kind);
                    epochDates[c - 1] |= timeOfDayOnEpochDate(live, row[c - 1], c);
                }
                for (Probe probe : Probe.dependentOn(row[c - 1])) {
                    if (slots[c - 1][probe.ordinal()] < 0) {
                        slots[c - 1][probe.ordinal()] = slotOwners.size();
                        slotOwners.add(new int[] {c, probe.ordinal()});
                    }
                }
            }
            Object[] answers = null;
            if (!slotOwners.isEmpty()) {
                answers = new Object[slotOwners.size()];
                for (int s = 0; s < answers.length; s++) {
                    int[] owner = slotOwners.get(s);
                    Object refusal = refusals.get(s * 2 + (row[owner[0] - 1] == null ? 0 : 1));
                    if (refusal != null) {
                        // The driver refused this conversion for the column's type: it refuses it for every
                        // row, so the refusal recorded at calibration serves them all (exceptions are costly).
                        answers[s] = refusal;
                        continue;
                    }
                    Object answer = keep(Probe.read(live, owner[0], Probe.ALL[owner[1]]));
                    if (answer == CellValues.UNSAFE) {
                        unsafe = true;
                    }
                    answers[s] = answer;
                    bytes += 8 + CellValues.estimate(answer);
                }
                bytes += 16;
            }
            values.add(row);
            texts.add(text);
            recorded.add(answers);
            if (unsafe || values.size() > maxRows || bytes > maxBytes) {
                Snapshot partial = new Snapshot(metaData, values.toArray(new Object[0][]),
                        texts.toArray(new String[0][]), slots, recorded.toArray(new Object[0][]), bytes)
                        .withoutLargeObjects(largeObjectsOnServer(live)).withTimesOnEpochDate(epochDates);
                return new Capture(null, partial, live, unsafe);
            }
        }
        return new Capture(new Snapshot(metaData, values.toArray(new Object[0][]), texts.toArray(new String[0][]),
                slots, recorded.toArray(new Object[0][]), bytes).withoutLargeObjects(largeObjectsOnServer(live))
                .withTimesOnEpochDate(epochDates),
                null, live, false);
    }

    /**
     * Values whose conversions a driver accepts or refuses by type alone (numbers, booleans, dates and times):
     * text, bytes and drivers' own objects are parsed, so their refusals depend on the value.
     */
    private static boolean refusesByType(Object value) {
        return value instanceof Number || value instanceof Boolean || value instanceof java.util.Date
                || value instanceof java.time.temporal.Temporal;
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

    /** Compares every getter's live answer with the derived one on this cell; records the ones that differ. */
    private static void calibrate(ResultSet live, SnapshotMetaData metaData, Object[] row, String[] text, int column,
                                  int[][] slots, List<int[]> slotOwners, java.util.Map<Integer, Object> refusals,
                                  int kind) throws SQLException {
        int columns = row.length;
        int[][] none = new int[columns][Probe.ALL.length];
        for (int[] s : none) {
            Arrays.fill(s, -1);
        }
        Snapshot single = new Snapshot(metaData, new Object[][] {row}, new String[][] {text}, none,
                new Object[1][], 0);
        SnapshotResultSet derived = new SnapshotResultSet(single, ResultSet.TYPE_FORWARD_ONLY, null);
        derived.next();
        Object value = row[column - 1];
        for (Probe probe : Probe.ALL) {
            if (slots[column - 1][probe.ordinal()] >= 0) {
                continue;
            }
            boolean lob = probe == Probe.BLOB || probe == Probe.CLOB;
            if (lob && largeObjectsOnServer(live)) {
                // pgjdbc reads getBlob/getClob as a large object id, on the server (which would abort the
                // caller's transaction): never probed there, and refused by the snapshot.
                continue;
            }
            boolean always = probe.valueDependent(value);
            Object liveAnswer = Probe.read(live, column, probe);
            if (!always && probe.takesCalendar() && !(liveAnswer instanceof Throwable)) {
                continue;
            }
            if (lob && !always && !(liveAnswer instanceof SQLException)) {
                // LOBs are costly to make (H2 stores one per call), so only a driver's refusal is recorded;
                // otherwise getBlob/getClob serve the getBytes/getString answers, which are probed.
                continue;
            }
            if (always || !Probe.same(liveAnswer, Probe.read(derived, column, probe))) {
                int slot = slotOwners.size();
                slots[column - 1][probe.ordinal()] = slot;
                slotOwners.add(new int[] {column, probe.ordinal()});
                // A refusal for a value of a given type (not text, whose parsing depends on the value) is the
                // type's: recorded once, it serves every row, since exceptions are costly to collect.
                if (liveAnswer instanceof SQLException && (lob || refusesByType(value))) {
                    refusals.put(slot * 2 + kind, keep(liveAnswer));
                }
            }
        }
    }

    /** A recorded answer made safe to keep: an exception, or a private copy of the value. */
    private static Object keep(Object answer) throws SQLException {
        if (answer instanceof java.sql.SQLFeatureNotSupportedException) {
            SQLException e = (SQLException) answer;
            return new java.sql.SQLFeatureNotSupportedException(e.getMessage(), e.getSQLState(), e.getErrorCode());
        }
        if (answer instanceof SQLException) {
            // A plain copy: the driver's own exception may hold on to driver state.
            SQLException e = (SQLException) answer;
            return new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode());
        }
        if (answer instanceof RuntimeException) {
            // Some drivers throw unchecked exceptions for impossible conversions: the same class is rethrown.
            return answer;
        }
        if (answer instanceof Throwable) {
            return new SQLException(String.valueOf(((Throwable) answer).getMessage()), "HY000");
        }
        if (answer instanceof Probe.ArrayContent) {
            Object elements = CellValues.copyIn(((Probe.ArrayContent) answer).elements);
            return elements == CellValues.UNSAFE ? CellValues.UNSAFE : new RecordedArray(elements);
        }
        return CellValues.copyIn(answer);
    }

    /** The elements of an array a getter answered. */
    static final class RecordedArray {
        final Object elements;

        RecordedArray(Object elements) {
            this.elements = elements;
        }
    }
}
