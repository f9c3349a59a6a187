package io.querycache.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What calibration learned about one column type of one driver, kept apart from the query it was learned on, so
 * that a new query text whose columns have known types starts calibrated ({@link Calibrations#start}): the getters
 * compared per {@link ValueCategory value category}, those the snapshot records (and whether only for values that
 * need them), the refusals and {@link DriverRule rules} per category, the refusals by text shape, and where a time
 * of day falls as a timestamp. A driver converts by the column's type and the value, not by the query: two columns
 * of one type answer alike, which is what calibrating per category already relies on.
 */
final class ColumnProfile {

    /** The driver's result set class and the column's type as its metadata describes it. */
    static List<Object> typeOf(Class<?> resultSetClass, SnapshotMetaData metaData, int column) {
        return List.of(resultSetClass, metaData.typeSignature(column));
    }

    private final long[] compared;
    private final Probe[] recorded;
    private final boolean[] onlyForValuesThatNeedIt;
    /** Per recorded getter: by category, the refusal or the rule; null where none. */
    private final Object[][] refusals;
    private final Object[][] rules;
    private final Map<String, Object>[] shapeRefusals;
    private final boolean timesOnEpochDate;
    private final long estimatedBytes;

    @SuppressWarnings("unchecked")
    ColumnProfile(Calibration from, int column) {
        compared = from.comparedOf(column).clone();
        int[] slots = from.slotsOf(column);
        recorded = new Probe[slots.length];
        onlyForValuesThatNeedIt = new boolean[slots.length];
        refusals = new Object[slots.length][];
        rules = new Object[slots.length][];
        shapeRefusals = (Map<String, Object>[]) new Map<?, ?>[slots.length];
        long bytes = 64 + 16 + 8L * compared.length;
        for (int i = 0; i < slots.length; i++) {
            int[] owner = from.owner(slots[i]);
            recorded[i] = Probe.ALL[owner[1]];
            onlyForValuesThatNeedIt[i] = owner[2] != 0;
            refusals[i] = byCategory(from, slots[i], true);
            rules[i] = byCategory(from, slots[i], false);
            Map<String, Object> shapes = from.shapeRefusals(slots[i]);
            shapeRefusals[i] = shapes == null ? null : new HashMap<>(shapes);
            bytes += 32 + (refusals[i] == null ? 0 : 16 + 4L * ValueCategory.COUNT + 120)
                    + (rules[i] == null ? 0 : 16 + 4L * ValueCategory.COUNT + 48)
                    + (shapes == null ? 0 : 48 + 120L * shapes.size());
        }
        timesOnEpochDate = from.timesOnEpochDate(column);
        estimatedBytes = bytes;
    }

    private static Object[] byCategory(Calibration from, int slot, boolean refusal) {
        Object[] answers = null;
        for (int category = 0; category < ValueCategory.COUNT; category++) {
            Object answer = refusal ? from.refusal(slot, category) : from.rule(slot, category);
            if (answer != null) {
                if (answers == null) {
                    answers = new Object[ValueCategory.COUNT];
                }
                answers[category] = answer;
            }
        }
        return answers;
    }

    /** Gives the column of a fresh calibration what this profile knows. */
    void applyTo(Calibration to, int column) {
        for (int i = 0; i < recorded.length; i++) {
            int slot = to.slot(column, recorded[i], onlyForValuesThatNeedIt[i]);
            for (int category = 0; category < ValueCategory.COUNT; category++) {
                if (refusals[i] != null && refusals[i][category] != null) {
                    to.refuse(slot, category, refusals[i][category]);
                }
                if (rules[i] != null && rules[i][category] != null) {
                    to.adopt(slot, category, (DriverRule.Learned) rules[i][category]);
                }
            }
            if (shapeRefusals[i] != null) {
                shapeRefusals[i].forEach((shape, refused) -> to.refuseShape(slot, shape, refused));
            }
        }
        for (int category = 0; category < ValueCategory.COUNT; category++) {
            if (compared[category] != 0) {
                to.markCompared(column, category, compared[category]);
            }
        }
        if (timesOnEpochDate) {
            to.markTimesOnEpochDate(column);
        }
    }

    long estimatedBytes() {
        return estimatedBytes;
    }
}
