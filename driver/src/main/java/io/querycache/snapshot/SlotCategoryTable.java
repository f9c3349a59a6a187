package io.querycache.snapshot;

import java.util.Arrays;

/**
 * What calibration learned per recorded getter (a {@link Calibration} slot) and value {@link ValueCategory}: a
 * driver's refusal for the type, or a {@link DriverRule} it follows. Sized to what is seen: most columns see a few
 * low categories, and calibrations are kept per query.
 */
final class SlotCategoryTable {

    /** [slot][category], each row null until something is put in it. */
    private Object[][] cells = new Object[8][];

    /** The answer kept for the slot and category, or null. */
    Object get(int slot, int category) {
        Object[] bySlot = slot < cells.length ? cells[slot] : null;
        return bySlot == null || category >= bySlot.length ? null : bySlot[category];
    }

    void put(int slot, int category, Object answer) {
        if (slot >= cells.length) {
            cells = Arrays.copyOf(cells, Math.max(cells.length * 2, slot + 1));
        }
        if (cells[slot] == null) {
            cells[slot] = new Object[Math.max(8, category + 1)];
        } else if (category >= cells[slot].length) {
            cells[slot] = Arrays.copyOf(cells[slot], Math.min(ValueCategory.COUNT, category + 8));
        }
        cells[slot][category] = answer;
    }

    /** A copy that later puts do not reach (the answers themselves are immutable and shared). */
    SlotCategoryTable copy() {
        SlotCategoryTable copy = new SlotCategoryTable();
        copy.cells = cells.clone();
        for (int i = 0; i < copy.cells.length; i++) {
            copy.cells[i] = copy.cells[i] == null ? null : copy.cells[i].clone();
        }
        return copy;
    }

    /** A rough retained size, counting {@code bytesPerAnswer} for each slot that holds any (with its messages). */
    long estimatedBytes(int bytesPerAnswer) {
        long bytes = 16 + 4L * cells.length;
        for (Object[] bySlot : cells) {
            bytes += bySlot == null ? 0 : 20 + 4L * bySlot.length + bytesPerAnswer;
        }
        return bytes;
    }
}
