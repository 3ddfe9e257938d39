package dev.netproof.flow.internal;

import java.util.Arrays;

/**
 * The flow table's storage: one primitive array per field, one index per flow ("slot"), so a live
 * flow costs a fixed number of bytes and no object. Side A is always the originator, side B the
 * responder (a role flip swaps them in place).
 *
 * <pre>
 *  per slot (bytes)   aHi aLo bHi bLo 32 | ports 4 | meta 8 | first/last/durEnd ts 24
 *                     pkts A/B 16 | ip bytes A/B 16 | seq A/B 16 | acks 8 | state 8
 *                     history 16 | scaled counters 8 | last SYN 8 | last FIN/RST 8 | list links 8
 * </pre>
 * About 188 bytes a slot with the hash index. Not thread-safe.
 */
public final class FlowColumns {
    public long[] aHi, aLo, bHi, bLo;
    /** A port in the high 16 bits, B port in the low 16. */
    public int[] ports;
    /** ip proto (8) | vlan+1 (13 bits at 8) | innerVlan+1 (13 bits at 21). */
    public long[] meta;
    public long[] firstTs, lastTs, durEnd;
    public long[] pktsA, pktsB, ipBytesA, ipBytesB;
    /** TCP: start seq (high 32) | last seq (low 32). Other transports: payload bytes. */
    public long[] seqA, seqB;
    /** TCP: highest ACK covering A's data (high 32) | covering B's data (low 32). */
    public long[] acks;
    /** See {@link State}. */
    public long[] state;
    public long[] hist0, hist1;
    /** Four 16-bit saturating counters: retransmissions A, B; zero windows A, B. */
    public long[] scaled;
    /** Relative seq of the last SYN: A (high 32) | B (low 32). */
    public long[] lastSyn;
    /** Low 16 bits of relative seq of last FIN A, FIN B, RST A, RST B. */
    public long[] lastFinRst;
    public int[] prev, next;
    private int capacity;

    public FlowColumns(int capacity) {
        allocate(capacity);
    }

    public int capacity() {
        return capacity;
    }

    private void allocate(int n) {
        aHi = new long[n]; aLo = new long[n]; bHi = new long[n]; bLo = new long[n];
        ports = new int[n];
        meta = new long[n];
        firstTs = new long[n]; lastTs = new long[n]; durEnd = new long[n];
        pktsA = new long[n]; pktsB = new long[n]; ipBytesA = new long[n]; ipBytesB = new long[n];
        seqA = new long[n]; seqB = new long[n]; acks = new long[n];
        state = new long[n]; hist0 = new long[n]; hist1 = new long[n];
        scaled = new long[n]; lastSyn = new long[n]; lastFinRst = new long[n];
        prev = new int[n]; next = new int[n];
        capacity = n;
    }

    /** Grows every column to {@code n} slots, keeping the contents. */
    public void grow(int n) {
        aHi = Arrays.copyOf(aHi, n); aLo = Arrays.copyOf(aLo, n);
        bHi = Arrays.copyOf(bHi, n); bLo = Arrays.copyOf(bLo, n);
        ports = Arrays.copyOf(ports, n);
        meta = Arrays.copyOf(meta, n);
        firstTs = Arrays.copyOf(firstTs, n); lastTs = Arrays.copyOf(lastTs, n); durEnd = Arrays.copyOf(durEnd, n);
        pktsA = Arrays.copyOf(pktsA, n); pktsB = Arrays.copyOf(pktsB, n);
        ipBytesA = Arrays.copyOf(ipBytesA, n); ipBytesB = Arrays.copyOf(ipBytesB, n);
        seqA = Arrays.copyOf(seqA, n); seqB = Arrays.copyOf(seqB, n); acks = Arrays.copyOf(acks, n);
        state = Arrays.copyOf(state, n); hist0 = Arrays.copyOf(hist0, n); hist1 = Arrays.copyOf(hist1, n);
        scaled = Arrays.copyOf(scaled, n); lastSyn = Arrays.copyOf(lastSyn, n); lastFinRst = Arrays.copyOf(lastFinRst, n);
        prev = Arrays.copyOf(prev, n); next = Arrays.copyOf(next, n);
        capacity = n;
    }

    /** Clears the per-flow counters and state of slot {@code s} (keys stay). */
    public void clearCounters(int s) {
        pktsA[s] = pktsB[s] = ipBytesA[s] = ipBytesB[s] = 0;
        seqA[s] = seqB[s] = acks[s] = 0;
        state[s] &= 3L << 48; // keep the list membership
        hist0[s] = hist1[s] = 0;
        scaled[s] = lastSyn[s] = lastFinRst[s] = 0;
    }

    public int ipProto(int s) {
        return (int) (meta[s] & 0xff);
    }

    public int vlan(int s) {
        return (int) ((meta[s] >>> 8) & 0x1fff) - 1;
    }

    public int innerVlan(int s) {
        return (int) ((meta[s] >>> 21) & 0x1fff) - 1;
    }

    public static long meta(int ipProto, int vlan, int innerVlan) {
        return (ipProto & 0xffL) | ((long) ((vlan + 1) & 0x1fff) << 8) | ((long) ((innerVlan + 1) & 0x1fff) << 21);
    }

    /** Swaps sides A and B of slot {@code s}: keys, counters, TCP endpoint state (the history string stays). */
    public void flip(int s) {
        long t = aHi[s]; aHi[s] = bHi[s]; bHi[s] = t;
        t = aLo[s]; aLo[s] = bLo[s]; bLo[s] = t;
        int p = ports[s]; ports[s] = (p << 16) | (p >>> 16);
        t = pktsA[s]; pktsA[s] = pktsB[s]; pktsB[s] = t;
        t = ipBytesA[s]; ipBytesA[s] = ipBytesB[s]; ipBytesB[s] = t;
        t = seqA[s]; seqA[s] = seqB[s]; seqB[s] = t;
        acks[s] = (acks[s] << 32) | (acks[s] >>> 32);
        lastSyn[s] = (lastSyn[s] << 32) | (lastSyn[s] >>> 32);
        long fr = lastFinRst[s];
        lastFinRst[s] = ((fr & 0xffffL) << 16) | ((fr >>> 16) & 0xffffL) | (((fr >>> 32) & 0xffffL) << 48)
                | (((fr >>> 48) & 0xffffL) << 32);
        long sc = scaled[s];
        scaled[s] = ((sc & 0xffffL) << 16) | ((sc >>> 16) & 0xffffL) | (((sc >>> 32) & 0xffffL) << 48)
                | (((sc >>> 48) & 0xffffL) << 32);
        state[s] = State.flipSides(state[s]);
    }
}
