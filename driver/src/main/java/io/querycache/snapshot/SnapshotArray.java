package io.querycache.snapshot;

import io.querycache.error.SqlState;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Map;

/** A captured {@link java.sql.Array}: its base type and a private copy of its elements. */
final class SnapshotArray implements Array {

    private final int baseType;
    private final String baseTypeName;
    private final Object elements;

    SnapshotArray(int baseType, String baseTypeName, Object elements) {
        this.baseType = baseType;
        this.baseTypeName = baseTypeName;
        this.elements = elements;
    }

    Object elements() {
        return elements;
    }

    @Override public String getBaseTypeName() { return baseTypeName; }

    @Override public int getBaseType() { return baseType; }

    @Override
    public Object getArray() {
        return CellValues.copyOut(elements);
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        int length = java.lang.reflect.Array.getLength(elements);
        if (index < 1 || count < 0 || index - 1 + count > length) {
            throw new SQLException("Array slice " + index + "+" + count + " is out of range 1.." + length,
                    SqlState.NUMERIC_OUT_OF_RANGE.code());
        }
        Object slice = java.lang.reflect.Array.newInstance(elements.getClass().getComponentType(), count);
        System.arraycopy(elements, (int) index - 1, slice, 0, count);
        return CellValues.copyOut(slice);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw new SQLFeatureNotSupportedException("querycache: Array.getResultSet of a cached array",
                SqlState.NOT_SUPPORTED.code());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public void free() {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotArray
                && Arrays.deepEquals(new Object[] {elements}, new Object[] {((SnapshotArray) o).elements});
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {elements});
    }

    @Override
    public String toString() {
        return Arrays.deepToString(new Object[] {elements});
    }
}
