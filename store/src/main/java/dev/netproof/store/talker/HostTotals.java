package dev.netproof.store.talker;

import java.util.Arrays;

/**
 * Per-host sums of the flows stored since the last part was written, keyed by source id, hour, side and
 * address: open addressing over parallel arrays, no object per host. Holds at most {@link #MAX_HOSTS} keys
 * (the caller writes a part when {@link #full()}), so its memory is bounded (about 28 MB). Not thread-safe.
 */
final class HostTotals {
    static final int MAX_HOSTS = 1 << 18;
    private static final int CAPACITY = MAX_HOSTS * 2;
    private static final int MASK = CAPACITY - 1;

    final int[] source = new int[CAPACITY];
    final byte[] side = new byte[CAPACITY];
    final long[] hour = new long[CAPACITY];
    final long[] hi = new long[CAPACITY];
    final long[] lo = new long[CAPACITY];
    final long[] bytes = new long[CAPACITY];
    final long[] packets = new long[CAPACITY];
    /** 0 marks a free slot: every key holds at least one flow. */
    final long[] flows = new long[CAPACITY];
    private int size;

    void add(int sourceId, long hourNs, int sideOf, long h, long l, long b, long p) {
        long k = (h * 0x9E3779B97F4A7C15L ^ l) * 0xBF58476D1CE4E5B9L ^ hourNs * 0x94D049BB133111EBL ^ (sideOf + 3L * sourceId);
        int i = (int) (k ^ (k >>> 31)) & MASK;
        while (flows[i] != 0) {
            if (lo[i] == l && hi[i] == h && hour[i] == hourNs && side[i] == sideOf && source[i] == sourceId) {
                bytes[i] += b;
                packets[i] += p;
                flows[i]++;
                return;
            }
            i = (i + 1) & MASK;
        }
        source[i] = sourceId;
        side[i] = (byte) sideOf;
        hour[i] = hourNs;
        hi[i] = h;
        lo[i] = l;
        bytes[i] = b;
        packets[i] = p;
        flows[i] = 1;
        size++;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size >= MAX_HOSTS;
    }

    int capacity() {
        return CAPACITY;
    }

    void clear() {
        Arrays.fill(flows, 0);
        size = 0;
    }
}
