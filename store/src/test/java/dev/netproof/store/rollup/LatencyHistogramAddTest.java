package dev.netproof.store.rollup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link LatencyHistogram#addTo} adds what {@code add(decode(bytes))} adds, and nothing when the sketch is damaged. */
class LatencyHistogramAddTest {
    private static byte[] sketch(List<Long> values) {
        LatencyAccumulator acc = new LatencyAccumulator();
        long count = 1;
        for (long v : values) {
            count = count % 5 + 1;
            acc.record(v, count);
        }
        return acc.encode();
    }

    @Property(tries = 200)
    void addingPairsEqualsAddingTheDecodedHistogram(
            @ForAll @Size(max = 5) List<@Size(max = 200) List<@LongRange(min = 0, max = 4_000_000_000L) Long>> minutes) {
        Histogram viaDecode = LatencyHistogram.create();
        Histogram viaAddTo = LatencyHistogram.create();
        for (List<Long> m : minutes) {
            byte[] s = sketch(m);
            viaDecode.add(LatencyHistogram.decode(s));
            LatencyHistogram.addTo(viaAddTo, s);
        }
        assertEquals(viaDecode, viaAddTo);
        assertEquals(viaDecode.getTotalCount(), viaAddTo.getTotalCount());
    }

    @Property(tries = 300)
    void aDamagedSketchChangesNothing(@ForAll @Size(min = 1, max = 50) List<@LongRange(min = 1, max = 10_000_000L) Long> values,
                                      @ForAll @IntRange(min = 1, max = 400) int cutAt, @ForAll byte junk) {
        Histogram target = LatencyHistogram.create();
        LatencyHistogram.addTo(target, sketch(List.of(5L, 500L)));
        long before = target.getTotalCount();
        byte[] good = sketch(values);
        // cut inside a varint, or a pair with a zero count: both are damage the reader must refuse whole
        byte[] cut = Arrays.copyOf(good, Math.max(2, Math.min(cutAt, good.length) - 1));
        cut[cut.length - 1] |= (byte) 0x80;
        byte[] zeroCount = Arrays.copyOf(good, good.length + 2);
        zeroCount[good.length] = 7;
        zeroCount[good.length + 1] = 0;
        for (byte[] bad : List.of(cut, zeroCount, new byte[] {9, junk}, new byte[0])) {
            assertThrows(IllegalArgumentException.class, () -> LatencyHistogram.addTo(target, bad), Arrays.toString(bad));
            assertEquals(before, target.getTotalCount());
        }
    }

    @Test
    void theOldHdrFormIsStillAdded() {
        Histogram h = LatencyHistogram.create();
        LatencyHistogram.record(h, 1234, 3);
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        h.encodeIntoByteBuffer(b);
        byte[] stored = new byte[b.position() + 1];
        stored[0] = LatencyHistogram.HDR;
        System.arraycopy(b.array(), 0, stored, 1, b.position());
        Histogram target = LatencyHistogram.create();
        LatencyHistogram.addTo(target, stored);
        LatencyHistogram.addTo(target, stored);
        assertEquals(6, target.getTotalCount());
        assertArrayEquals(new long[] {h.getValueAtPercentile(50)}, new long[] {target.getValueAtPercentile(50)});
    }
}
