package io.querycache.snapshot;

import java.sql.SQLException;
import javax.sql.rowset.serial.SerialClob;
import javax.sql.rowset.serial.SerialException;

/** A cached CLOB: a SerialClob that, as the drivers' own do, reads nothing at its end instead of refusing. */
final class SnapshotClob extends SerialClob {

    private static final long serialVersionUID = 1L;

    SnapshotClob(String text) throws SQLException {
        super(text.toCharArray());
    }

    /** SerialClob refuses getSubString(1, 0) on an empty CLOB (position past its end); the drivers answer "". */
    @Override
    public String getSubString(long pos, int length) throws SerialException {
        if (pos == length() + 1 && length >= 0) {
            return "";
        }
        return super.getSubString(pos, length);
    }
}
