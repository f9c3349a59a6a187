package io.querycache.snapshot;

import java.sql.SQLException;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialException;

/** A cached BLOB: a SerialBlob that, as the drivers' own do, reads nothing at its end instead of refusing. */
final class SnapshotBlob extends SerialBlob {

    private static final long serialVersionUID = 1L;

    SnapshotBlob(byte[] bytes) throws SQLException {
        super(bytes);
    }

    /** SerialBlob refuses getBytes(1, 0) on an empty BLOB (position past its end); H2 and Connector/J answer none. */
    @Override
    public byte[] getBytes(long pos, int length) throws SerialException {
        if (pos == length() + 1 && length >= 0) {
            return new byte[0];
        }
        return super.getBytes(pos, length);
    }
}
