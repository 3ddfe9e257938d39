package dev.netproof.decode.http.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Holds the line being read: a line split across reads is gathered whole, and every line is parsed
 * from here (see {@code HttpParser.line}). Grows by doubling from 256 bytes, never beyond the
 * capacity fixed at construction (the line cap), whatever the wire says.
 */
public final class LineBuffer {
    private final int capacity;
    private byte[] buf;
    private int length;

    public LineBuffer(int capacity) {
        this.capacity = capacity;
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Appends {@code n} bytes; false (nothing appended) when the line would exceed the capacity. */
    public boolean append(MemorySegment s, long at, int n) {
        if (n > capacity - length) return false;
        if (buf == null || buf.length - length < n) {
            int size = Math.min(capacity, Math.max(256, Math.max(length + n, buf == null ? 0 : buf.length * 2)));
            buf = buf == null ? new byte[size] : java.util.Arrays.copyOf(buf, size);
        }
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, at, buf, length, n);
        length += n;
        return true;
    }

    /** The buffered bytes, from index 0 to {@link #length()}; null before anything was appended. */
    public byte[] array() {
        return buf == null ? EMPTY : buf;
    }

    private static final byte[] EMPTY = new byte[0];

    public void clear() {
        length = 0;
    }

    /** Bytes allocated for the buffer (0 until a line was split). */
    public int allocated() {
        return buf == null ? 0 : buf.length;
    }
}
