package dev.netproof.store.talker;

import java.util.Arrays;

/**
 * Per-host sums of the flows stored since the last part was written, keyed by source id, hour, side and
 * address: open addressing over parallel arrays, no object per host. Holds at most {@link #MAX_HOSTS} keys
 * (the caller writes a part when {@link #full()}), so its memory is bounded (about 28 MB at most). The arrays
 * start small and double when half full: at their full size from the start they cost every ingest 28 MB of
 * memory zeroed and touched, and a cache miss an add, for a capture of a few thousand hosts. Not thread-safe.
 */
final class HostTotals {
    static final int MAX_HOSTS = 1 << 18;
    private static final int MAX_CAPACITY = MAX_HOSTS * 2;
    static final int INITIAL_CAPACITY = 1 << 12;

    int[] source;
    byte[] side;
    long[] hour;
    long[] hi;
    long[] lo;
    long[] bytes;
    long[] packets;
    /** 0 marks a free slot: every key holds at least one flow. */
    long[] flows;
    private int mask;
    private int size;

    HostTotals() {
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
        source = new int[capacity];
        side = new byte[capacity];
        hour = new long[capacity];
        hi = new long[capacity];
        lo = new long[capacity];
        bytes = new long[capacity];
        packets = new long[capacity];
        flows = new long[capacity];
        mask = capacity - 1;
    }

    void add(int sourceId, long hourNs, int sideOf, long h, long l, long b, long p) {
        int i = slot(sourceId, hourNs, sideOf, h, l);
        while (flows[i] != 0) {
            if (lo[i] == l && hi[i] == h && hour[i] == hourNs && side[i] == sideOf && source[i] == sourceId) {
                bytes[i] += b;
                packets[i] += p;
                flows[i]++;
                return;
            }
            i = (i + 1) & mask;
        }
        put(i, sourceId, sideOf, hourNs, h, l, b, p, 1);
        if (++size > (mask + 1) / 2 && mask + 1 < MAX_CAPACITY) grow();
    }

    private int slot(int sourceId, long hourNs, int sideOf, long h, long l) {
        long k = (h * 0x9E3779B97F4A7C15L ^ l) * 0xBF58476D1CE4E5B9L ^ hourNs * 0x94D049BB133111EBL ^ (sideOf + 3L * sourceId);
        return (int) (k ^ (k >>> 31)) & mask;
    }

    private void put(int i, int sourceId, int sideOf, long hourNs, long h, long l, long b, long p, long f) {
        source[i] = sourceId;
        side[i] = (byte) sideOf;
        hour[i] = hourNs;
        hi[i] = h;
        lo[i] = l;
        bytes[i] = b;
        packets[i] = p;
        flows[i] = f;
    }

    /** Doubles the arrays and puts every key in its slot of the larger table. */
    private void grow() {
        int[] oSource = source;
        byte[] oSide = side;
        long[] oHour = hour, oHi = hi, oLo = lo, oBytes = bytes, oPackets = packets, oFlows = flows;
        allocate((mask + 1) * 2);
        for (int j = 0; j < oFlows.length; j++) {
            if (oFlows[j] == 0) continue;
            int i = slot(oSource[j], oHour[j], oSide[j], oHi[j], oLo[j]);
            while (flows[i] != 0) i = (i + 1) & mask;
            put(i, oSource[j], oSide[j], oHour[j], oHi[j], oLo[j], oBytes[j], oPackets[j], oFlows[j]);
        }
    }

    int size() {
        return size;
    }

    boolean full() {
        return size >= MAX_HOSTS;
    }

    int capacity() {
        return mask + 1;
    }

    void clear() {
        Arrays.fill(flows, 0);
        size = 0;
    }
}
