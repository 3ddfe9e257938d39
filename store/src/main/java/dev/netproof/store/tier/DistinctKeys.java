package dev.netproof.store.tier;

import java.util.Collection;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.HllUnion;

/**
 * Unions the "other" rows' distinct-key sketches (DataSketches HllSketch bytes, as stored): partial rows of a
 * window, or windows of a coarser step, count a key once however many rows saw it.
 */
public final class DistinctKeys {
    private final HllUnion union = new HllUnion(HeavyHitters.LG_K);

    /** Adds one stored sketch; null (a named row's) is skipped. */
    public DistinctKeys add(byte[] sketch) {
        if (sketch != null) union.update(HllSketch.heapify(sketch));
        return this;
    }

    public static DistinctKeys of(Collection<byte[]> sketches) {
        DistinctKeys d = new DistinctKeys();
        for (byte[] s : sketches) d.add(s);
        return d;
    }

    public long estimate() {
        return Math.round(union.getEstimate());
    }

    /** Bounds at about {@code sigmas} standard errors (1 to 3), as DataSketches computes them. */
    public long lower(int sigmas) {
        return (long) Math.floor(union.getLowerBound(sigmas));
    }

    public long upper(int sigmas) {
        return (long) Math.ceil(union.getUpperBound(sigmas));
    }

    public byte[] toBytes() {
        return union.getResult(TgtHllType.HLL_4).toCompactByteArray();
    }
}
