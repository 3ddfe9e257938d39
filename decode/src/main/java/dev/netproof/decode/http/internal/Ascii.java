package dev.netproof.decode.http.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Byte-level text helpers over a segment, so that field names are matched where they lie and only
 * kept values become strings. Callers keep {@code at + len} inside the segment.
 */
public final class Ascii {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    private Ascii() {}

    public static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    /** RFC 9110 token character. */
    public static boolean tchar(int c) {
        return c < 128 && TCHAR[c];
    }

    public static boolean ows(int c) {
        return c == ' ' || c == '\t';
    }

    /** The {@code len} bytes at {@code at} equal {@code lower} (lower-case ASCII), ignoring ASCII case. */
    public static boolean equalsIgnoreCase(MemorySegment s, long at, long len, String lower) {
        if (len != lower.length()) return false;
        for (int i = 0; i < len; i++) {
            int c = u8(s, at + i);
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lower.charAt(i)) return false;
        }
        return true;
    }

    /** The {@code len} bytes at {@code at} are exactly {@code ascii}. */
    public static boolean equals(MemorySegment s, long at, long len, String ascii) {
        if (len != ascii.length()) return false;
        for (int i = 0; i < len; i++) {
            if (u8(s, at + i) != ascii.charAt(i)) return false;
        }
        return true;
    }

    /** The first {@code b} in {@code [from, to)}, or -1. */
    public static long indexOf(MemorySegment s, long from, long to, int b) {
        for (long p = from; p < to; p++) {
            if (u8(s, p) == b) return p;
        }
        return -1;
    }

    /** The bytes as ISO-8859-1: every byte one char, so no input is malformed. */
    public static String latin1(MemorySegment s, long from, long to) {
        char[] c = new char[(int) (to - from)];
        for (int i = 0; i < c.length; i++) c[i] = (char) u8(s, from + i);
        return new String(c);
    }

    /** {@code from} moved past leading spaces and tabs, at most to {@code to}. */
    public static long skipOws(MemorySegment s, long from, long to) {
        while (from < to && ows(u8(s, from))) from++;
        return from;
    }

    /** {@code to} moved back before trailing spaces and tabs, at least to {@code from}. */
    public static long trimOws(MemorySegment s, long from, long to) {
        while (to > from && ows(u8(s, to - 1))) to--;
        return to;
    }

    // The same over a line copied into an array: header lines are parsed from a copy (at most the line
    // cap), because array loops compile to a fraction of the code of segment loops (C2 spent 0.3-0.4 s on
    // each segment-based line parser in one ingest).

    public static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    public static boolean equalsIgnoreCase(byte[] b, int at, int len, String lower) {
        if (len != lower.length()) return false;
        for (int i = 0; i < len; i++) {
            int c = b[at + i] & 0xff;
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lower.charAt(i)) return false;
        }
        return true;
    }

    public static boolean equals(byte[] b, int at, int len, String ascii) {
        if (len != ascii.length()) return false;
        for (int i = 0; i < len; i++) {
            if ((b[at + i] & 0xff) != ascii.charAt(i)) return false;
        }
        return true;
    }

    public static int indexOf(byte[] b, int from, int to, int c) {
        for (int p = from; p < to; p++) {
            if ((b[p] & 0xff) == c) return p;
        }
        return -1;
    }

    public static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public static int skipOws(byte[] b, int from, int to) {
        while (from < to && ows(b[from] & 0xff)) from++;
        return from;
    }

    public static int trimOws(byte[] b, int from, int to) {
        while (to > from && ows(b[to - 1] & 0xff)) to--;
        return to;
    }
}
