package io.querycache.bus;

import io.querycache.sql.Footprint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One committed invalidation set on the bus: names only, never row data. The text form, one field a line:
 *
 * <pre>
 * qc1
 * cache=&lt;cache name&gt;
 * sender=&lt;sender id&gt;
 * seq=&lt;sequence number of that sender, from 1&gt;, or
 * txseq=&lt;number from 1&gt;   (sent inside the committing transaction: delivered exactly when it commits, so
 *                 outside the sequence, where a rolled-back one would look like a lost message)
 * all            (optional: every table-dependent entry)
 * flush          (optional: every entry; the sender may have lost messages, or the set was too large)
 * k=&lt;hint key&gt;   (any number)
 * t=&lt;table&gt;      (any number; normalised as Footprint does)
 * </pre>
 *
 * Values escape {@code %}, CR and LF as {@code %25}, {@code %0D}, {@code %0A}. Anything else is malformed.
 */
final class InvalidationMessage {

    static final String MAGIC = "qc1";

    private final String cache;
    private final String sender;
    private final long seq;
    private final List<String> keys;
    private final List<String> tables;
    private final boolean allTables;
    private final boolean flush;
    private final boolean inTransaction;

    InvalidationMessage(String cache, String sender, long seq, List<String> keys, List<String> tables,
                        boolean allTables, boolean flush) {
        this(cache, sender, seq, keys, tables, allTables, flush, false);
    }

    private InvalidationMessage(String cache, String sender, long seq, List<String> keys, List<String> tables,
                                boolean allTables, boolean flush, boolean inTransaction) {
        this.cache = cache;
        this.sender = sender;
        this.seq = seq;
        this.keys = Collections.unmodifiableList(new ArrayList<>(keys));
        this.tables = Collections.unmodifiableList(new ArrayList<>(tables));
        this.allTables = allTables;
        this.flush = flush;
        this.inTransaction = inTransaction;
    }

    static InvalidationMessage of(String cache, String sender, long seq, Footprint footprint) {
        return new InvalidationMessage(cache, sender, seq, footprint.keyNames(), footprint.tableNames(),
                footprint.allTables(), false);
    }

    /** The set sent inside its committing transaction, numbered {@code txSeq} outside the sender's sequence. */
    static InvalidationMessage inTransaction(String cache, String sender, long txSeq, Footprint footprint) {
        return new InvalidationMessage(cache, sender, txSeq, footprint.keyNames(), footprint.tableNames(),
                footprint.allTables(), false, true);
    }

    static InvalidationMessage flush(String cache, String sender, long seq) {
        return new InvalidationMessage(cache, sender, seq, List.of(), List.of(), false, true);
    }

    public String cache() { return cache; }

    public String sender() { return sender; }

    public long seq() { return seq; }

    public boolean flush() { return flush; }

    /** Sent inside the committing transaction; {@link #seq} is then not in the sender's sequence. */
    public boolean inTransaction() { return inTransaction; }

    /** The message's number with its kind, unique per sender: {@code 7} or {@code tx7}. */
    public String id() { return (inTransaction ? "tx" : "") + seq; }

    /** What to invalidate; a table name that would not survive normalisation again stands for every table. */
    public Footprint footprint() {
        List<String> exact = new ArrayList<>();
        boolean all = allTables;
        for (String t : tables) {
            if (Footprint.normaliseTable(t).equals(t)) {
                exact.add(t);
            } else if (Footprint.normaliseTable('"' + t + '"').equals(t)) {
                exact.add('"' + t + '"');
            } else {
                all = true;
            }
        }
        return Footprint.of(keys, exact, all);
    }

    public String encode() {
        StringBuilder b = new StringBuilder(64);
        b.append(MAGIC).append('\n');
        b.append("cache=").append(escape(cache)).append('\n');
        b.append("sender=").append(escape(sender)).append('\n');
        b.append(inTransaction ? "txseq=" : "seq=").append(seq).append('\n');
        if (allTables) {
            b.append("all\n");
        }
        if (flush) {
            b.append("flush\n");
        }
        for (String k : keys) {
            b.append("k=").append(escape(k)).append('\n');
        }
        for (String t : tables) {
            b.append("t=").append(escape(t)).append('\n');
        }
        return b.toString();
    }

    /** @throws MalformedMessage when the text is not a message of this format */
    public static InvalidationMessage decode(String text) throws MalformedMessage {
        if (text == null) {
            throw new MalformedMessage("no text");
        }
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(MAGIC)) {
            throw new MalformedMessage("does not start with " + MAGIC);
        }
        String cache = null;
        String sender = null;
        long seq = -1;
        boolean all = false;
        boolean flush = false;
        boolean inTransaction = false;
        List<String> keys = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            int eq = line.indexOf('=');
            String field = eq < 0 ? line : line.substring(0, eq);
            String value = eq < 0 ? null : unescape(line.substring(eq + 1));
            switch (field + (eq < 0 ? "" : "=")) {
                case "cache=": cache = value; break;
                case "sender=": sender = value; break;
                case "seq=": seq = number(value); break;
                case "txseq=": seq = number(value); inTransaction = true; break;
                case "all": all = true; break;
                case "flush": flush = true; break;
                case "k=": keys.add(value); break;
                case "t=": tables.add(value); break;
                default: throw new MalformedMessage("unknown line " + (i + 1));
            }
        }
        if (cache == null || sender == null || sender.isEmpty() || seq < 1) {
            throw new MalformedMessage("cache, sender or seq missing");
        }
        return new InvalidationMessage(cache, sender, seq, keys, tables, all, flush, inTransaction);
    }

    /**
     * This set as messages of at most {@code maxBytes} (UTF-8) each, numbered from {@code firstSeq}: each one a
     * complete set of part of the names. A name too long for any message turns the whole set into one flush.
     */
    List<InvalidationMessage> split(int maxBytes, long firstSeq) {
        List<InvalidationMessage> parts = new ArrayList<>();
        if (bytes(encode()) <= maxBytes) {
            parts.add(renumbered(firstSeq));
            return parts;
        }
        List<String> k = new ArrayList<>();
        List<String> t = new ArrayList<>();
        int header = bytes(new InvalidationMessage(cache, sender, Long.MAX_VALUE, List.of(), List.of(), true, flush)
                .encode());
        int size = header;
        List<String[]> names = new ArrayList<>();
        keys.forEach(n -> names.add(new String[] {"k=", n}));
        tables.forEach(n -> names.add(new String[] {"t=", n}));
        for (String[] name : names) {
            int line = bytes(name[0] + escape(name[1]) + "\n");
            if (header + line > maxBytes) {
                return List.of(new InvalidationMessage(cache, sender, firstSeq, List.of(), List.of(), false, true,
                        inTransaction));
            }
            if (size + line > maxBytes) {
                parts.add(part(firstSeq + parts.size(), k, t));
                k.clear();
                t.clear();
                size = header;
            }
            (name[0].equals("k=") ? k : t).add(name[1]);
            size += line;
        }
        parts.add(part(firstSeq + parts.size(), k, t));
        return parts;
    }

    /** A message like this one, numbered {@code seq}, with these names. */
    private InvalidationMessage part(long seq, List<String> k, List<String> t) {
        return new InvalidationMessage(cache, sender, seq, k, t, allTables, flush, inTransaction);
    }

    private InvalidationMessage renumbered(long newSeq) {
        return part(newSeq, keys, tables);
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long number(String value) throws MalformedMessage {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedMessage("seq is not a number");
        }
    }

    static String escape(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static String unescape(String s) throws MalformedMessage {
        if (s.indexOf('\r') >= 0) {
            throw new MalformedMessage("a raw CR");
        }
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            String code = i + 3 <= s.length() ? s.substring(i + 1, i + 3) : "";
            switch (code) {
                case "25": b.append('%'); break;
                case "0A": b.append('\n'); break;
                case "0D": b.append('\r'); break;
                default: throw new MalformedMessage("a bad escape");
            }
            i += 2;
        }
        return b.toString();
    }

    /** Cannot be read as an invalidation message: the receiver may have missed an invalidation. */
    public static final class MalformedMessage extends Exception {
        MalformedMessage(String why) {
            super(why);
        }
    }

    @Override
    public String toString() {
        return "cache=" + cache + " sender=" + sender + " seq=" + seq + (flush ? " flush" : "") + " " + footprint();
    }
}
