package dev.netproof.store.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyAccumulatorTest {
    @Property
    void aBucketFloorIsTheHistogramsLowestEquivalentValue(@ForAll @LongRange(min = -5, max = 5_000_000_000L) long us) {
        Histogram h = LatencyHistogram.create();
        long clamped = Math.max(1, Math.min(us, LatencyHistogram.HIGHEST_US));
        assertEquals(h.lowestEquivalentValue(clamped), LatencyAccumulator.bucketFloor(us));
    }

    @Property
    void storedPairsDecodeToTheHistogramOfTheRawValues(
            @ForAll @Size(max = 400) List<@LongRange(min = 0, max = 4_000_000_000L) Long> values) {
        LatencyAccumulator acc = new LatencyAccumulator();
        Histogram direct = LatencyHistogram.create();
        long count = 1;
        for (long v : values) {
            count = count % 7 + 1; // counts other than one too
            acc.record(v, count);
            LatencyHistogram.record(direct, v, count);
        }
        Histogram decoded = LatencyHistogram.decode(acc.encode());
        assertEquals(direct, decoded);
        assertEquals(direct.getTotalCount(), decoded.getTotalCount());
        assertEquals(direct.getValueAtPercentile(99), decoded.getValueAtPercentile(99));
    }

    @Test
    void oneConnectionAtATimeKeepsOnePairPerBucket() {
        LatencyAccumulator acc = new LatencyAccumulator();
        // 1000..1023 µs in 4-µs buckets (6), 1024..1049 in 8-µs ones (4)
        for (int i = 0; i < 100_000; i++) acc.record(1000 + i % 50, 1);
        assertEquals(10, acc.size());
        acc.record(0, 0);
        acc.record(5, -1);
        assertEquals(10, acc.size(), "no count, no pair");
        assertEquals(100_000, LatencyHistogram.decode(acc.encode()).getTotalCount());
    }

    @Test
    void aCellHoldsAtMostOnePairPerBucketOfTheWholeRange() {
        LatencyAccumulator acc = new LatencyAccumulator();
        Histogram h = LatencyHistogram.create();
        java.util.Set<Long> buckets = new java.util.HashSet<>();
        // steps narrower than the buckets (1/256 of the value): every bucket is visited
        for (long v = 1; v <= LatencyHistogram.HIGHEST_US; v += Math.max(1, v / 1000)) {
            acc.record(v, 1);
            buckets.add(h.lowestEquivalentValue(v));
        }
        acc.record(Long.MAX_VALUE, 1); // clamped into the last bucket
        assertEquals(buckets.size(), acc.size(), "every bucket once");
    }
}
