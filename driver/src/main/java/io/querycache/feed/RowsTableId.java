package io.querycache.feed;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;

/** A rows event reduced to the table it changes: the rows themselves are never decoded. */
final class RowsTableId implements EventData {

    private static final long serialVersionUID = 1L;

    final long tableId;

    private RowsTableId(long tableId) {
        this.tableId = tableId;
    }

    /** Reads the 6-byte table id that opens every rows event; the deserializer skips the rest of the event. */
    static final class Reader implements EventDataDeserializer<RowsTableId> {
        @Override
        public RowsTableId deserialize(ByteArrayInputStream in) throws IOException {
            return new RowsTableId(in.readLong(6));
        }
    }
}
