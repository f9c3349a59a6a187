package io.querycache.error;

/**
 * Every SQLState querycache raises itself, in one place, with its meaning (SQL standard and ODBC classes).
 * States of the real driver's exceptions pass through unchanged and are not listed here.
 */
public enum SqlState {

    /** Invalid descriptor index: a column index outside 1..columnCount. */
    INVALID_DESCRIPTOR_INDEX("07009"),
    /** Unable to establish a connection: no driver accepts the URL, or the URL is malformed. */
    UNABLE_TO_CONNECT("08001"),
    /** Feature not supported: what a cached result cannot offer (updates, cursor names, large objects). */
    NOT_SUPPORTED("0A000"),
    /** Numeric value out of range: a cached number does not fit the getter's type. */
    NUMERIC_OUT_OF_RANGE("22003"),
    /** Invalid character value for cast: a cached value cannot be converted to the requested type. */
    INVALID_CAST("22018"),
    /** Invalid cursor state: no current row, or a move a forward-only result set cannot make. */
    INVALID_CURSOR_STATE("24000"),
    /** Syntax error or access rule violation: a malformed hint, or a volatile function refused by a setting. */
    SYNTAX_ERROR("42000"),
    /** Column not found: no column has the given label. */
    COLUMN_NOT_FOUND("42S22"),
    /** Query canceled: waiting for another connection's load of the same entry outlasted the query timeout. */
    QUERY_TIMEOUT("57014"),
    /** General error: an interrupted wait, a failed probe, an unwrap of a type the object does not wrap. */
    GENERAL_ERROR("HY000"),
    /** Invalid use of null pointer: a null argument where a value is required. */
    NULL_ARGUMENT("HY009"),
    /** Function sequence error: a call on a closed result set. */
    FUNCTION_SEQUENCE_ERROR("HY010"),
    /** Invalid attribute value: an unknown querycache property, a malformed value, a negative fetch size. */
    INVALID_ATTRIBUTE_VALUE("HY024");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    /** The five-character SQLState, as {@link java.sql.SQLException#getSQLState()} reports it. */
    public String code() {
        return code;
    }
}
