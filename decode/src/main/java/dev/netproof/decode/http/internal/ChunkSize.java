package dev.netproof.decode.http.internal;


/** Reads a chunk-size line, {@code 1*HEXDIG [BWS ";" chunk-ext]}; the extensions are skipped. */
public final class ChunkSize {
    /** Not a chunk-size line. */
    public static final long BAD = -1;
    /** A size above 2^63 - 1. */
    public static final long OVERFLOW = -2;

    private ChunkSize() {}

    /** The size in {@code [from, to)}, or {@link #BAD} or {@link #OVERFLOW}. */
    public static long parse(byte[] s, int from, int to) {
        long size = 0;
        int p = from;
        int d;
        while (p < to && (d = Character.digit(Ascii.u8(s, p), 16)) >= 0) {
            if (size > (Long.MAX_VALUE >>> 4)) return OVERFLOW;
            size = (size << 4) | d;
            p++;
        }
        int q = Ascii.skipOws(s, p, to);
        return p == from || (q < to && Ascii.u8(s, q) != ';') ? BAD : size;
    }
}
