package io.querycache.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a live result set into a {@link Snapshot}, within a row and byte budget. Past the budget (or on a
 * value that cannot be kept safely) it stops and hands back the rows read so far together with the live
 * result set, so that the caller still returns the whole result.
 */
public final class SnapshotCapture {

    private SnapshotCapture() {
    }

    public static Capture capture(ResultSet live, int maxRows, long maxBytes) throws SQLException {
        SnapshotMetaData metaData = new SnapshotMetaData(live.getMetaData());
        int columns = metaData.getColumnCount();
        List<Object[]> values = new ArrayList<>();
        List<String[]> texts = new ArrayList<>();
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
            values.add(row);
            texts.add(text);
            if (unsafe || values.size() > maxRows || bytes > maxBytes) {
                Snapshot partial = new Snapshot(metaData, values.toArray(new Object[0][]),
                        texts.toArray(new String[0][]), bytes);
                return new Capture(null, partial, live, unsafe);
            }
        }
        return new Capture(new Snapshot(metaData, values.toArray(new Object[0][]), texts.toArray(new String[0][]),
                bytes), null, live, false);
    }
}
