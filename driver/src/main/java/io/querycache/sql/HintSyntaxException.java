package io.querycache.sql;

import io.querycache.error.SqlState;

import java.sql.SQLSyntaxErrorException;

/** A malformed cache hint, raised before the statement reaches the database (SQLState 42000). */
public final class HintSyntaxException extends SQLSyntaxErrorException {

    private static final long serialVersionUID = 1L;

    public HintSyntaxException(String message) {
        super(message, SqlState.SYNTAX_ERROR.code());
    }
}
