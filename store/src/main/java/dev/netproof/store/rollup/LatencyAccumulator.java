package dev.netproof.store.rollup;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The latency values of one rollup cell until it is written: a few (value, count) pairs in a small
 * array, and only past {@link #INLINE} of them a real {@link LatencyHistogram}. Most cells hold a
 * handful of connections, and a histogram object costs about a kilobyte before its first value.
 * Not thread-safe.
 */
final class LatencyAccumulator {
    /** Pairs kept inline before switching to a histogram. */
    static final int INLINE = 32;

    private long[] pairs; // value << 32 | count, value and count clamped to 32 bits
    private int n;
    private Histogram histogram;

    void record(long us, long count) {
        if (count <= 0) return;
        if (histogram != null) {
            LatencyHistogram.record(histogram, us, count);
            return;
        }
        if (n == INLINE) {
            histogram = LatencyHistogram.create();
            replay(histogram);
            pairs = null;
            LatencyHistogram.record(histogram, us, count);
            return;
        }
        if (pairs == null) pairs = new long[4];
        else if (n == pairs.length) pairs = Arrays.copyOf(pairs, Math.min(INLINE, n * 2));
        long v = Math.max(1, Math.min(us, LatencyHistogram.HIGHEST_US)) & 0xffff_ffffL;
        pairs[n++] = (v << 32) | Math.min(count, 0xffff_ffffL);
    }

    private void replay(Histogram h) {
        for (int i = 0; i < n; i++) LatencyHistogram.record(h, pairs[i] >>> 32, pairs[i] & 0xffff_ffffL);
    }

    /** The stored sketch: the pairs themselves while few, else the histogram's encoding. */
    byte[] encode(java.nio.ByteBuffer buffer) {
        if (histogram != null) return LatencyHistogram.encode(histogram, buffer);
        return LatencyHistogram.encodePairs(pairs == null ? new long[0] : pairs, n);
    }
}
