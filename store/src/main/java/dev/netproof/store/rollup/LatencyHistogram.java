package dev.netproof.store.rollup;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * The latency sketch of the TCP rollups: an HdrHistogram of microseconds from 1 µs to one hour with
 * two significant digits (every quantile within 1% of the true sample), packed so that an empty
 * range costs nothing. Histograms of the same shape merge exactly: a minute's sketches added up
 * give the hour's, with the same error bound. Stored compressed ({@link #encode}).
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

    public static byte[] encode(Histogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        byte[] out = new byte[n];
        b.flip();
        b.get(out);
        return out;
    }

    /** Decodes a stored sketch; a damaged one is an {@link IllegalArgumentException}, never a crash. */
    public static Histogram decode(byte[] bytes) {
        try {
            return PackedHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_US);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("damaged latency sketch: " + e.getMessage(), e);
        }
    }
}
