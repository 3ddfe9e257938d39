package dev.netproof.packetstore;

import java.util.Arrays;

/**
 * What the index can tell about a packet without reading it: whether a segment may hold any match, and
 * whether an entry (time, flow hash, host hashes) may be one. False means "certainly not"; true means
 * "read it and let the {@link PacketMatcher} decide".
 */
public interface PacketSelector {
    boolean segment(SegmentIndex index);

    boolean entry(long ts, int flowHash, int hosts);

    /** Packets of flows with these {@link FlowHash}es whose time is in {@code [from, to]}. */
    static PacketSelector flows(int[] flowHashes, long from, long to) {
        int[] sorted = flowHashes.clone();
        Arrays.sort(sorted);
        return new PacketSelector() {
            @Override
            public boolean segment(SegmentIndex index) {
                return true;
            }

            @Override
            public boolean entry(long ts, int flowHash, int hosts) {
                return ts >= from && ts <= to && Arrays.binarySearch(sorted, flowHash) >= 0;
            }
        };
    }

    /** Packets from or to one address whose time is in {@code [from, to)}. */
    static PacketSelector host(long hi, long lo, long from, long to) {
        int h = FlowHash.host16(hi, lo);
        return new PacketSelector() {
            @Override
            public boolean segment(SegmentIndex index) {
                return index.mayHoldHost(hi, lo);
            }

            @Override
            public boolean entry(long ts, int flowHash, int hosts) {
                return ts >= from && ts < to && ((hosts >>> 16) == h || (hosts & 0xffff) == h);
            }
        };
    }

    /** Every packet whose time is in {@code [from, to)}. */
    static PacketSelector time(long from, long to) {
        return new PacketSelector() {
            @Override
            public boolean segment(SegmentIndex index) {
                return true;
            }

            @Override
            public boolean entry(long ts, int flowHash, int hosts) {
                return ts >= from && ts < to;
            }
        };
    }
}
