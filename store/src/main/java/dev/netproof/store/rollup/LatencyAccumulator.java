package dev.netproof.store.rollup;

import java.util.Arrays;

/**
 * The latency values of one rollup cell until it is written: (value, count) pairs, one per
 * HdrHistogram bucket of {@link LatencyHistogram}'s shape, kept sorted by value in two small arrays.
 *
 * <p>Values are rounded down to their bucket's lowest value as they arrive ({@link #bucketFloor}),
 * which is what recording them into the histogram does: the stored pairs decode to the same
 * histogram as the raw values would. Why not the histogram itself: most cells hold a handful of
 * connections and a histogram object costs about a kilobyte before its first value; and recording
 * into a packed HdrHistogram inlines hundreds of methods into the store writer, which the JIT then
 * spent most of a second compiling per ingest. A cell holds at most one pair per bucket (about 3,500
 * between 1 µs and one hour). Not thread-safe.
 */
final class LatencyAccumulator {
    /** Significant bits of a bucket: two significant decimal digits need 8 (HdrHistogram's sub-buckets). */
    private static final int PRECISION_BITS = 8;
    private static final long[] NONE = new long[0];

    private long[] values = NONE;
    private long[] counts = NONE;
    private int n;

    /** {@code us} clamped to [1 µs, one hour], then rounded down to the lowest value of its bucket. */
    static long bucketFloor(long us) {
        long v = Math.max(1, Math.min(us, LatencyHistogram.HIGHEST_US));
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(v) - PRECISION_BITS);
        return (v >>> shift) << shift;
    }

    void record(long us, long count) {
        if (count <= 0) return;
        long v = bucketFloor(us);
        int i = Arrays.binarySearch(values, 0, n, v);
        if (i >= 0) {
            counts[i] += count;
            return;
        }
        int at = -i - 1;
        if (n == values.length) {
            int grown = Math.max(4, n * 2);
            values = Arrays.copyOf(values, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        System.arraycopy(values, at, values, at + 1, n - at);
        System.arraycopy(counts, at, counts, at + 1, n - at);
        values[at] = v;
        counts[at] = count;
        n++;
    }

    /** Distinct buckets recorded. */
    int size() {
        return n;
    }

    /** The stored sketch ({@link LatencyHistogram#encodePairs}). */
    byte[] encode() {
        return LatencyHistogram.encodePairs(values, counts, n);
    }
}
