package dev.netproof.decode.dns;

import java.nio.charset.StandardCharsets;

/**
 * Reads a (possibly compressed) domain name of a message, whose bytes are {@code [0, end)} of an array.
 *
 * <p>A compression pointer must point before the start of the label run it ends (the name's first
 * byte, or the target of the previous pointer), and not into the header. The runs' starts then
 * strictly decrease, so no message can make the reader loop; forward and self-pointers are
 * {@link DnsError#BAD_POINTER}. Names are limited to 255 bytes as on the wire (RFC 1035 2.3.4).
 * Labels are kept as their bytes, one char each (Latin-1), the way Zeek and tshark print them.
 * Not thread-safe (one reusable buffer).
 */
final class DnsNames {
    static final int MAX_NAME = 255;
    /** More hops than a 255-byte name can need (each hop saves at least one label byte). */
    static final int MAX_POINTERS = 128;
    private static final int HEADER = 12;

    /** The name's text so far: at most {@link #MAX_NAME} bytes, labels and dots, checked before each copy. */
    private final byte[] text = new byte[MAX_NAME];
    /** Offset just after the name where it was read from (after its first pointer, if any). */
    int next;

    /**
     * Names read in the current message, by their offset: a compressed name that is a lone pointer (an
     * answer's owner name is nearly always one, to the question's) is the name read at its target, so it is
     * not read again. {@link #message} starts a new message; entries of the last message do not carry over.
     */
    private final int[] readAt = new int[MEMO];
    private final String[] readName = new String[MEMO];
    private final int[] readHops = new int[MEMO];
    private int memoized;
    private static final int MEMO = 8;
    private int hopsOfLast;

    private final boolean memo;

    DnsNames() {
        this(true);
    }

    /** @param memo whether lone pointers reuse names already read (false: every name read afresh, for tests) */
    DnsNames(boolean memo) {
        this.memo = memo;
    }

    /** The next reads are in a new message. */
    void message() {
        memoized = 0;
    }

    /** Reads the name at {@code at}; sets {@link #next}. */
    String read(byte[] b, int end, int at) throws Malformed {
        if (at + 1 < end && (b[at] & 0xC0) == 0xC0) {
            int target = (b[at] & 0x3F) << 8 | b[at + 1] & 0xff;
            // the checks the loop below makes of a first pointer, then the name its target gave (read with
            // the same rules from there, so the same name, errors included, and one hop more)
            if (target < at && target >= HEADER) {
                for (int i = 0; i < memoized; i++) {
                    if (readAt[i] == target && readHops[i] < MAX_POINTERS) {
                        next = at + 2;
                        hopsOfLast = readHops[i] + 1;
                        return readName[i];
                    }
                }
            }
        }
        String name = readAfresh(b, end, at);
        if (memo && memoized < MEMO) {
            readAt[memoized] = at;
            readName[memoized] = name;
            readHops[memoized] = hopsOfLast;
            memoized++;
        }
        return name;
    }

    private String readAfresh(byte[] b, int end, int at) throws Malformed {
        int n = 0;
        int pos = at;
        int runStart = at;
        int after = -1;
        int wire = 0;
        int hops = 0;
        while (true) {
            if (pos >= end) throw Malformed.of(DnsError.TRUNCATED);
            int len = b[pos] & 0xff;
            if (len == 0) {
                if (after < 0) after = pos + 1;
                break;
            }
            int kind = len & 0xC0;
            if (kind == 0xC0) {
                if (pos + 1 >= end) throw Malformed.of(DnsError.TRUNCATED);
                int target = (len & 0x3F) << 8 | b[pos + 1] & 0xff;
                if (target >= runStart || target < HEADER) throw Malformed.of(DnsError.BAD_POINTER);
                if (++hops > MAX_POINTERS) throw Malformed.of(DnsError.TOO_MANY_POINTERS);
                if (after < 0) after = pos + 2;
                pos = target;
                runStart = target;
                continue;
            }
            if (kind != 0) throw Malformed.of(DnsError.BAD_LABEL);
            if (pos + 1 + len > end) throw Malformed.of(DnsError.TRUNCATED);
            wire += len + 1;
            if (wire + 1 > MAX_NAME) throw Malformed.of(DnsError.NAME_TOO_LONG);
            // wire counts each label's length byte, so the text (a dot where that byte was, but none first) fits
            if (n > 0) text[n++] = '.';
            System.arraycopy(b, pos + 1, text, n, len);
            n += len;
            pos += 1 + len;
        }
        next = after;
        hopsOfLast = hops;
        return n == 0 ? "" : new String(text, 0, n, StandardCharsets.ISO_8859_1);
    }
}
