package dev.netproof.store.rollup;

import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * The latency sketch of the TCP rollups: an HdrHistogram of microseconds from 1 µs to one hour with
 * two significant digits (every quantile within 1% of the true sample), packed so that an empty
 * range costs nothing. Histograms of the same shape merge exactly: a minute's sketches added up
 * give the hour's, with the same error bound.
 *
 * <p>Stored form: a tag byte, then either {@code 0}: (value, count) pairs as unsigned LEB128
 * varints, what the store writer writes ({@code LatencyAccumulator}: one pair per bucket, so at most
 * a few thousand; encoding a histogram costs tens of microseconds, these pairs next to nothing), or
 * {@code 1}: HdrHistogram's own V2 encoding (what stores written before the pairs hold; still
 * read). Both decode to the same histogram.
 */
public final class LatencyHistogram {
    /** Largest value kept apart; larger ones count here (one hour, in µs). */
    public static final long HIGHEST_US = 3_600_000_000L;
    public static final int SIGNIFICANT_DIGITS = 2;

    private LatencyHistogram() {}

    public static Histogram create() {
        return new PackedHistogram(HIGHEST_US, SIGNIFICANT_DIGITS);
    }

    /** Records {@code count} samples of {@code us}, clamped to [1 µs, one hour]. */
    public static void record(Histogram h, long us, long count) {
        if (count <= 0) return;
        h.recordValueWithCount(Math.max(1, Math.min(us, HIGHEST_US)), count);
    }

    static final byte PAIRS = 0, HDR = 1;

    /** The stored form of the first {@code n} (value, count) pairs. */
    static byte[] encodePairs(long[] values, long[] counts, int n) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(2 + n * 5);
        out.write(PAIRS);
        for (int i = 0; i < n; i++) {
            varint(out, values[i]);
            varint(out, counts[i]);
        }
        return out.toByteArray();
    }

    private static void varint(java.io.ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Decodes a stored sketch; a damaged one is an {@link IllegalArgumentException}, never a crash. */
    public static Histogram decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new IllegalArgumentException("damaged latency sketch: empty");
        if (bytes[0] == PAIRS) {
            Histogram h = create();
            recordPairs(h, pairs(bytes));
            return h;
        }
        try {
            if (bytes[0] == HDR) {
                return PackedHistogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes, 1, bytes.length - 1), HIGHEST_US);
            }
            throw new IllegalArgumentException("unknown tag " + bytes[0]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged latency sketch: " + e.getMessage(), e);
        }
    }

    /**
     * Adds a stored sketch's samples to {@code target}, as {@code target.add(decode(bytes))} does; a damaged one is an
     * {@link IllegalArgumentException} and leaves {@code target} as it was.
     *
     * <p>Why not that: a sketch in pairs is recorded straight into {@code target}. Decoding makes a histogram, and
     * adding one walks every bucket of its range: {@code query tcp-health} over the bench capture's 122,000 service
     * minutes took 14 s that way.
     */
    public static void addTo(Histogram target, byte[] bytes) {
        if (bytes != null && bytes.length > 0 && bytes[0] == PAIRS) {
            recordPairs(target, pairs(bytes));
        } else {
            target.add(decode(bytes));
        }
    }

    private static void recordPairs(Histogram h, long[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) record(h, pairs[i], pairs[i + 1]);
    }

    /** The (value, count) pairs of a sketch in pairs, each checked, before any is recorded. */
    private static long[] pairs(byte[] bytes) {
        try {
            long[] out = new long[16];
            int n = 0;
            int[] at = {1};
            while (at[0] < bytes.length) {
                long v = varint(bytes, at), c = varint(bytes, at);
                if (v < 1 || v > HIGHEST_US || c < 1) throw new IllegalArgumentException("value " + v + " x " + c);
                // at most one pair per two bytes read, so the array grows with the input, never past it
                if (n + 2 > out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
                out[n++] = v;
                out[n++] = c;
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged latency sketch: " + e.getMessage(), e);
        }
    }

    private static long varint(byte[] b, int[] at) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) throw new IllegalArgumentException("varint runs past the end");
            int x = b[at[0]++];
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) return v;
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }
}
