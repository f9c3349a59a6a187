package io.querycache.snapshot;

import io.querycache.error.SqlState;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A full copy of a result set's {@link ResultSetMetaData}, taken when the rows were captured. A property the
 * live metadata refused is refused again with an equivalent exception.
 */
final class SnapshotMetaData implements ResultSetMetaData {

    private enum Property {
        CATALOG, SCHEMA, TABLE, NAME, LABEL, TYPE, TYPE_NAME, CLASS_NAME, PRECISION, SCALE, DISPLAY_SIZE,
        NULLABLE, AUTO_INCREMENT, CASE_SENSITIVE, SEARCHABLE, CURRENCY, SIGNED, READ_ONLY, WRITABLE,
        DEFINITELY_WRITABLE,
        /**
         * Not a JDBC property: the format the driver received the column in, where it says (pgjdbc: text, or
         * binary from a prepared statement's fifth execution), since its getters answer by it (getBytes gives the
         * wire bytes, getDate on a number fails otherwise); null elsewhere. Compared, so calibrations differ.
         */
        TRANSFER_FORMAT;

        static final Property[] ALL = values();
    }

    private final int columnCount;
    /** [column][property]: the value, or the SQLException the live metadata threw. */
    private final Object[][] values;
    /** Upper-cased labels to the first column that has them, for findColumn. */
    private final Map<String, Integer> columnsByLabel;

    SnapshotMetaData(ResultSetMetaData live) throws SQLException {
        columnCount = live.getColumnCount();
        values = new Object[columnCount][];
        columnsByLabel = new HashMap<>();
        for (int c = 1; c <= columnCount; c++) {
            Object[] v = new Object[Property.ALL.length];
            for (Property p : Property.ALL) {
                try {
                    v[p.ordinal()] = read(live, c, p);
                } catch (SQLException e) {
                    v[p.ordinal()] = e;
                }
            }
            values[c - 1] = v;
            Object label = v[Property.LABEL.ordinal()];
            if (label instanceof String) {
                columnsByLabel.putIfAbsent(((String) label).toUpperCase(Locale.ROOT), c);
            }
        }
    }

    private static Object read(ResultSetMetaData m, int c, Property p) throws SQLException {
        switch (p) {
            case CATALOG: return m.getCatalogName(c);
            case SCHEMA: return m.getSchemaName(c);
            case TABLE: return m.getTableName(c);
            case NAME: return m.getColumnName(c);
            case LABEL: return m.getColumnLabel(c);
            case TYPE: return m.getColumnType(c);
            case TYPE_NAME: return m.getColumnTypeName(c);
            case CLASS_NAME: return m.getColumnClassName(c);
            case PRECISION: return m.getPrecision(c);
            case SCALE: return m.getScale(c);
            case DISPLAY_SIZE: return m.getColumnDisplaySize(c);
            case NULLABLE: return m.isNullable(c);
            case AUTO_INCREMENT: return m.isAutoIncrement(c);
            case CASE_SENSITIVE: return m.isCaseSensitive(c);
            case SEARCHABLE: return m.isSearchable(c);
            case CURRENCY: return m.isCurrency(c);
            case SIGNED: return m.isSigned(c);
            case READ_ONLY: return m.isReadOnly(c);
            case WRITABLE: return m.isWritable(c);
            case DEFINITELY_WRITABLE: return m.isDefinitelyWritable(c);
            default: return transferFormat(m, c);
        }
    }

    /** pgjdbc's {@code PGResultSetMetaData.getFormat}, found once per class, or null for other drivers. */
    private static final ClassValue<java.lang.reflect.Method> FORMAT = new ClassValue<java.lang.reflect.Method>() {
        @Override
        protected java.lang.reflect.Method computeValue(Class<?> type) {
            if (!type.getName().startsWith("org.postgresql.")) {
                return null;
            }
            try {
                return type.getMethod("getFormat", int.class);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private static Object transferFormat(ResultSetMetaData m, int column) throws SQLException {
        java.lang.reflect.Method getFormat = FORMAT.get(m.getClass());
        if (getFormat == null) {
            return null;
        }
        try {
            return getFormat.invoke(m, column);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof SQLException ? (SQLException) e.getCause()
                    : new SQLException(String.valueOf(e.getCause()), SqlState.GENERAL_ERROR.code(), e.getCause());
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** The 1-based index of the first column with this label (case-insensitive), or 0. */
    int columnOf(String label) {
        if (label == null) {
            return 0;
        }
        Integer c = columnsByLabel.get(label.toUpperCase(Locale.ROOT));
        return c == null ? 0 : c;
    }

    /**
     * What the column's type is to the driver: its SQL type, type name, Java class, precision, scale, display size,
     * signedness, currency, case sensitivity and the format it was received in (names, tables and nullability left
     * out). A property the driver
     * refused makes the signature unequal to every other.
     */
    java.util.List<Object> typeSignature(int column) {
        Object[] v = values[column - 1];
        return java.util.Arrays.asList(v[Property.TYPE.ordinal()], v[Property.TYPE_NAME.ordinal()],
                v[Property.CLASS_NAME.ordinal()], v[Property.PRECISION.ordinal()], v[Property.SCALE.ordinal()],
                v[Property.DISPLAY_SIZE.ordinal()], v[Property.SIGNED.ordinal()], v[Property.CURRENCY.ordinal()],
                v[Property.CASE_SENSITIVE.ordinal()], v[Property.TRANSFER_FORMAT.ordinal()]);
    }

    /** The column's SQL type, or {@code Types.OTHER} if the live metadata refused it. */
    int typeOf(int column) {
        Object t = values[column - 1][Property.TYPE.ordinal()];
        return t instanceof Integer ? (Integer) t : java.sql.Types.OTHER;
    }

    /** Same properties, column by column (refusals by class, SQLState and message): one copy can serve both. */
    boolean sameAs(SnapshotMetaData other) {
        if (other == this) {
            return true;
        }
        if (other == null || other.columnCount != columnCount) {
            return false;
        }
        for (int c = 0; c < columnCount; c++) {
            for (int p = 0; p < values[c].length; p++) {
                Object a = values[c][p];
                Object b = other.values[c][p];
                if (a instanceof SQLException && b instanceof SQLException) {
                    SQLException x = (SQLException) a;
                    SQLException y = (SQLException) b;
                    if (x.getClass() != y.getClass() || !java.util.Objects.equals(x.getSQLState(), y.getSQLState())
                            || !java.util.Objects.equals(x.getMessage(), y.getMessage())) {
                        return false;
                    }
                } else if (!java.util.Objects.equals(a, b)) {
                    return false;
                }
            }
        }
        return true;
    }

    long estimatedBytes() {
        return 64L + columnCount * (32L + Property.values().length * 24L);
    }

    private Object get(int column, Property p) throws SQLException {
        if (column < 1 || column > columnCount) {
            throw new SQLException("Column index " + column + " is out of range 1.." + columnCount,
                    SqlState.INVALID_DESCRIPTOR_INDEX.code());
        }
        Object v = values[column - 1][p.ordinal()];
        if (v instanceof SQLException) {
            SQLException original = (SQLException) v;
            throw new SQLException(original.getMessage(), original.getSQLState(), original.getErrorCode(), original);
        }
        return v;
    }

    @Override public int getColumnCount() { return columnCount; }

    @Override public boolean isAutoIncrement(int column) throws SQLException { return (Boolean) get(column, Property.AUTO_INCREMENT); }

    @Override public boolean isCaseSensitive(int column) throws SQLException { return (Boolean) get(column, Property.CASE_SENSITIVE); }

    @Override public boolean isSearchable(int column) throws SQLException { return (Boolean) get(column, Property.SEARCHABLE); }

    @Override public boolean isCurrency(int column) throws SQLException { return (Boolean) get(column, Property.CURRENCY); }

    @Override public int isNullable(int column) throws SQLException { return (Integer) get(column, Property.NULLABLE); }

    @Override public boolean isSigned(int column) throws SQLException { return (Boolean) get(column, Property.SIGNED); }

    @Override public int getColumnDisplaySize(int column) throws SQLException { return (Integer) get(column, Property.DISPLAY_SIZE); }

    @Override public String getColumnLabel(int column) throws SQLException { return (String) get(column, Property.LABEL); }

    @Override public String getColumnName(int column) throws SQLException { return (String) get(column, Property.NAME); }

    @Override public String getSchemaName(int column) throws SQLException { return (String) get(column, Property.SCHEMA); }

    @Override public int getPrecision(int column) throws SQLException { return (Integer) get(column, Property.PRECISION); }

    @Override public int getScale(int column) throws SQLException { return (Integer) get(column, Property.SCALE); }

    @Override public String getTableName(int column) throws SQLException { return (String) get(column, Property.TABLE); }

    @Override public String getCatalogName(int column) throws SQLException { return (String) get(column, Property.CATALOG); }

    @Override public int getColumnType(int column) throws SQLException { return (Integer) get(column, Property.TYPE); }

    @Override public String getColumnTypeName(int column) throws SQLException { return (String) get(column, Property.TYPE_NAME); }

    @Override public boolean isReadOnly(int column) throws SQLException { return (Boolean) get(column, Property.READ_ONLY); }

    @Override public boolean isWritable(int column) throws SQLException { return (Boolean) get(column, Property.WRITABLE); }

    @Override public boolean isDefinitelyWritable(int column) throws SQLException { return (Boolean) get(column, Property.DEFINITELY_WRITABLE); }

    @Override public String getColumnClassName(int column) throws SQLException { return (String) get(column, Property.CLASS_NAME); }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("SnapshotMetaData does not wrap " + iface.getName(), SqlState.GENERAL_ERROR.code());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface != null && iface.isInstance(this);
    }
}
