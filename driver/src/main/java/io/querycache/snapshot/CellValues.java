package io.querycache.snapshot;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.time.temporal.TemporalAccessor;
import java.util.Set;
import java.util.UUID;

/**
 * Safe copies of cell values. Plain immutable values are shared; mutable ones (arrays, JDBC dates, LOBs,
 * driver objects such as PGobject) are copied in at capture and copied out on every read, so no caller can
 * alter the cache. A value that can be neither shared nor copied makes the result uncacheable.
 */
final class CellValues {

    /** Returned by {@link #copyIn} for a value that cannot be kept safely. */
    static final Object UNSAFE = new Object();

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, Character.class, BigDecimal.class,
            BigInteger.class, UUID.class);

    /**
     * Each class's Kind, as an ordinal: a ClassValue's values stay reachable from the classes it was asked about
     * (String.class...) for as long as those live, and a Kind would keep this class loader with them (SPEC 13).
     */
    private static final ClassValue<Integer> KINDS = new ClassValue<Integer>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return kindOf(type).ordinal();
        }
    };

    private enum Kind { IMMUTABLE, SQL_DATE, SQL_TIME, SQL_TIMESTAMP, BYTES, ARRAY, CLONEABLE, SQL_OBJECT, UNSAFE }

    private static final Kind[] BY_ORDINAL = Kind.values();

    private static Kind kind(Class<?> type) {
        return BY_ORDINAL[KINDS.get(type)];
    }

    private CellValues() {
    }

    private static Kind kindOf(Class<?> type) {
        if (Blob.class.isAssignableFrom(type) || Clob.class.isAssignableFrom(type) || Array.class.isAssignableFrom(type)
                || SQLXML.class.isAssignableFrom(type)) {
            return Kind.SQL_OBJECT; // read into a private copy by copyIn
        }
        if (IMMUTABLE.contains(type) || type.isEnum()
                || TemporalAccessor.class.isAssignableFrom(type) && type.getName().startsWith("java.time.")) {
            return Kind.IMMUTABLE;
        }
        if (type == java.sql.Timestamp.class) {
            return Kind.SQL_TIMESTAMP;
        }
        if (type == java.sql.Date.class) {
            return Kind.SQL_DATE;
        }
        if (type == java.sql.Time.class) {
            return Kind.SQL_TIME;
        }
        if (type == byte[].class) {
            return Kind.BYTES;
        }
        if (type.isArray()) {
            return Kind.ARRAY;
        }
        if (isDeeplyFinal(type)) {
            return Kind.IMMUTABLE;
        }
        if (Cloneable.class.isAssignableFrom(type) && publicClone(type) != null) {
            return Kind.CLONEABLE;
        }
        return Kind.UNSAFE;
    }

    /** A final class whose fields are all final and primitive, String or of the same kind (e.g. H2's Interval). */
    private static boolean isDeeplyFinal(Class<?> type) {
        if (!Modifier.isFinal(type.getModifiers())) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Class<?> t = f.getType();
                if (!Modifier.isFinal(f.getModifiers())
                        || !(t.isPrimitive() || t.isEnum() || IMMUTABLE.contains(t))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Method publicClone(Class<?> type) {
        try {
            Method clone = type.getMethod("clone");
            return Modifier.isPublic(clone.getModifiers()) ? clone : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** A private copy of a live value, or {@link #UNSAFE}. LOBs and arrays are materialised. */
    static Object copyIn(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (kind(value.getClass()) != Kind.SQL_OBJECT) {
            // Plain values first, by a per-class lookup: instanceof against interfaces (Blob, Clob, Array) on
            // every cell thrashes the JVM's secondary-supertype cache when the classes alternate.
            return copy(value);
        }
        if (value instanceof Blob) {
            Blob blob = (Blob) value;
            long length = blob.length();
            return length > Integer.MAX_VALUE ? UNSAFE : new LobBytes(blob.getBytes(1, (int) length));
        }
        if (value instanceof Clob) {
            Clob clob = (Clob) value;
            long length = clob.length();
            return length > Integer.MAX_VALUE ? UNSAFE : new LobText(clob.getSubString(1, (int) length),
                    value instanceof java.sql.NClob);
        }
        if (value instanceof Array) {
            Array array = (Array) value;
            Object elements = copyIn(array.getArray());
            return elements == UNSAFE ? UNSAFE : new SnapshotArray(array.getBaseType(), array.getBaseTypeName(),
                    elements);
        }
        if (value instanceof SQLXML) {
            // pgjdbc answers getObject with its own PgSQLXML, readable once, which no copy reproduces: not cached.
            return UNSAFE;
        }
        Object copy = copy(value);
        return copy;
    }

    /** A copy for a caller: mutable values are copied again on every read. */
    static Object copyOut(Object value) {
        if (value == null) {
            return null;
        }
        Object copy = copy(value);
        return copy == UNSAFE ? value : copy;
    }

    private static Object copy(Object value) {
        if (value == null) {
            return null;
        }
        switch (kind(value.getClass())) {
            case IMMUTABLE:
                return value;
            case SQL_TIMESTAMP:
                return ((java.sql.Timestamp) value).clone();
            case SQL_DATE:
                return ((java.sql.Date) value).clone();
            case SQL_TIME:
                return ((java.sql.Time) value).clone();
            case BYTES:
                return ((byte[]) value).clone();
            case ARRAY:
                if (value.getClass().getComponentType().isPrimitive()) {
                    int length = java.lang.reflect.Array.getLength(value);
                    Object copy = java.lang.reflect.Array.newInstance(value.getClass().getComponentType(), length);
                    System.arraycopy(value, 0, copy, 0, length);
                    return copy;
                }
                Object[] source = (Object[]) value;
                Object[] target = (Object[]) java.lang.reflect.Array.newInstance(
                        value.getClass().getComponentType(), source.length);
                for (int i = 0; i < source.length; i++) {
                    Object element = copy(source[i]);
                    if (element == UNSAFE) {
                        return UNSAFE;
                    }
                    target[i] = element;
                }
                return target;
            case CLONEABLE:
                try {
                    return publicClone(value.getClass()).invoke(value);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return UNSAFE;
                }
            default:
                if (value instanceof LobBytes || value instanceof LobText || value instanceof SnapshotArray) {
                    return value; // immutable holders of our own
                }
                return UNSAFE;
        }
    }

    /** A rough retained size of a value, for the byte budget. */
    static long estimate(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String) {
            return 40 + ((String) value).length();
        }
        if (value instanceof Character) {
            return (Character) value <= 127 ? 0 : 16; // Character.valueOf shares the ASCII ones
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Short
                || value instanceof Byte || value instanceof Float) {
            return 16;
        }
        if (value instanceof java.util.Date && !(value instanceof java.sql.Timestamp)
                || value instanceof java.time.Duration) {
            return 24;
        }
        if (value instanceof Boolean) {
            return 0; // Boolean.TRUE and FALSE are shared
        }
        if (value instanceof BigDecimal) {
            // Up to 18 digits the unscaled value is a long inside the object; beyond, a BigInteger and its array.
            BigDecimal d = (BigDecimal) value;
            return d.precision() <= 18 ? 40 : 40 + 40 + d.precision() / 2;
        }
        if (value instanceof Refusal) {
            return ((Refusal) value).estimatedBytes();
        }
        if (value instanceof byte[]) {
            return 16 + ((byte[]) value).length;
        }
        if (value instanceof LobBytes) {
            return 32 + ((LobBytes) value).bytes.length;
        }
        if (value instanceof LobText) {
            return 56 + ((LobText) value).text.length();
        }
        if (value instanceof Object[]) {
            long sum = 16 + 4L * ((Object[]) value).length;
            for (Object o : (Object[]) value) {
                sum += estimate(o);
            }
            return sum;
        }
        if (value instanceof SnapshotArray) {
            return 48 + estimate(((SnapshotArray) value).elements());
        }
        return 48;
    }

    /** A BLOB's content. */
    static final class LobBytes {
        final byte[] bytes;

        LobBytes(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** A CLOB's or NCLOB's content. */
    static final class LobText {
        final String text;
        final boolean national;

        LobText(String text, boolean national) {
            this.text = text;
            this.national = national;
        }
    }
}
