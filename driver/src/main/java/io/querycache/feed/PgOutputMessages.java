package io.querycache.feed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads pgoutput (protocol version 1) messages into a feed: Relation messages name relation ids; Insert,
 * Update, Delete and Truncate touch relations; Commit applies the transaction; the DDL messages our event
 * trigger emits change the schema. Anything unknown touches every table.
 */
final class PgOutputMessages {

    /** The prefix of the logical messages {@link PostgresChangeFeed}'s event trigger emits for each DDL command. */
    static final String DDL_PREFIX = "querycache.ddl";
    /** Commit timestamps count microseconds from 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;

    private final Map<Integer, String> relations = new HashMap<>();

    /** @return true when the message was a Commit */
    boolean read(ByteBuffer message, ChangeFeed feed) {
        byte type = message.get();
        switch (type) {
            case 'B': // Begin: final lsn, commit timestamp, xid
                feed.forgetTransaction();
                message.getLong();
                feed.began(epochMillis(message.getLong()));
                return false;
            case 'R': // Relation: id, namespace, name, ...
                int id = message.getInt();
                cString(message);
                relations.put(id, cString(message));
                return false;
            case 'I': // Insert, Update, Delete: the relation id comes first
            case 'U':
            case 'D':
                touch(message.getInt(), feed);
                return false;
            case 'T': // Truncate: count, options, ids
                int count = message.getInt();
                message.get();
                for (int i = 0; i < count; i++) {
                    touch(message.getInt(), feed);
                }
                return false;
            case 'M': // Logical message: flags, lsn, prefix, length, content
                message.get();
                message.getLong();
                if (cString(message).startsWith(DDL_PREFIX)) {
                    feed.schemaChanged();
                }
                return false;
            case 'C': // Commit: flags, commit lsn, end lsn, timestamp
                message.get();
                message.getLong();
                message.getLong();
                feed.committed(epochMillis(message.getLong()));
                return true;
            case 'O': // Origin, Type: nothing to invalidate
            case 'Y':
                return false;
            default:
                feed.touchedUnknown();
                return false;
        }
    }

    private static long epochMillis(long postgresMicros) {
        return POSTGRES_EPOCH_MILLIS + postgresMicros / 1000;
    }

    private void touch(int relation, ChangeFeed feed) {
        String name = relations.get(relation);
        if (name == null) {
            feed.touchedUnknown();
        } else {
            feed.touched(name);
        }
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        b.get(bytes);
        b.get();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
