package dev.netproof.flow.internal;

import java.util.Arrays;

/**
 * The flow table's storage: every live flow is one fixed-size record of {@link #WORDS} longs in
 * one {@code long[]}, at {@code slot * WORDS}. A flow costs 152 bytes and no object, and the fields
 * a packet touches sit in three adjacent cache lines (a column-per-field layout cost a cache miss
 * per field once the table outgrew the caches). Side A is always the originator, side B the
 * responder; a role flip swaps them in place. Not thread-safe.
 *
 * <pre>
 *  word  0 A address hi   1 A address lo   2 B address hi   3 B address lo
 *        4 key: B port (bits 0-15) | A port (16-31) | ip proto (32-39) | vlan (40-51) | inner vlan (52-63);
 *          a VLAN id of 0 means untagged (802.1Q's VID 0 is a priority tag, not a VLAN)
 *        5 first ts        6 last ts        7 end of duration (Zeek stops it once both sides closed)
 *        8 packets: A (high 32) | B (low 32)
 *        9 ip bytes A     10 ip bytes B
 *       11 seq A: TCP start seq (high 32) | last seq (low 32); other transports: payload bytes
 *       12 seq B
 *       13 acks: highest ACK covering A's data (high 32) | B's data (low 32)
 *       14 state (see {@link State})
 *       15 history letters 0-9   16 history letters 10-19
 *       17 TCP: index + 1 of the connection's record in {@link #tcp} (low 32), 0 for other transports;
 *          the analyzers' flags of the flow (high 32, {@link #flags})
 *       18 list links: previous slot (high 32) | next slot (low 32), -1 for none
 * </pre>
 * The rest of a TCP connection's state (Zeek's per-side SYN/FIN/RST bookkeeping, end of data seen and
 * scaled counters, Wireshark's sequence analysis) is in {@link TcpStore}, so other flows do not carry it.
 */
public final class FlowColumns {
    public static final int A_HI = 0, A_LO = 1, B_HI = 2, B_LO = 3, KEY = 4, FIRST = 5, LAST = 6,
            DUR_END = 7, PKTS = 8, IPB_A = 9, IPB_B = 10, SEQ_A = 11, SEQ_B = 12, ACKS = 13, STATE = 14,
            HIST0 = 15, HIST1 = 16, TCPX = 17, LINKS = 18;
    public static final int WORDS = 19;
    public static final int BYTES_PER_FLOW = WORDS * Long.BYTES;

    /** The records. Public for the trackers in this package family; index with {@code slot * WORDS + field}. */
    public long[] d;
    private int capacity;
    /** TCP connections' records; see {@link #TCPX}. */
    public final TcpStore tcp;

    /** @param tcpWords words of a TCP record: {@link TcpStore#BASE_WORDS}, or {@link TcpAnalysis#WORDS} with the analysis */
    public FlowColumns(int capacity, int tcpWords) {
        d = new long[Math.multiplyExact(capacity, WORDS)];
        this.capacity = capacity;
        this.tcp = new TcpStore(tcpWords);
    }

    /** The TCP record of slot {@code s}, or -1 when it has none. */
    public int tcpx(int s) {
        return (int) d[s * WORDS + TCPX] - 1;
    }

    public void tcpx(int s, int e) {
        int i = s * WORDS + TCPX;
        d[i] = (d[i] & 0xffff_ffff_0000_0000L) | (e + 1L);
    }

    /**
     * Flags the application analyzers keep per flow (whether one is attached, or none wants it): in
     * the flow's own record, so a packet's check costs no memory access beyond the record it touched.
     */
    public int flags(int s) {
        return (int) (d[s * WORDS + TCPX] >>> 32);
    }

    public void flags(int s, int f) {
        int i = s * WORDS + TCPX;
        d[i] = ((long) f << 32) | (d[i] & 0xffff_ffffL);
    }

    public int capacity() {
        return capacity;
    }

    /** Grows the storage to {@code n} slots, keeping the contents. */
    public void grow(int n) {
        d = Arrays.copyOf(d, Math.multiplyExact(n, WORDS));
        capacity = n;
    }

    public long get(int s, int field) {
        return d[s * WORDS + field];
    }

    public void set(int s, int field, long v) {
        d[s * WORDS + field] = v;
    }

    public void add(int s, int field, long v) {
        d[s * WORDS + field] += v;
    }

    // Named accessors for the fields read outside the trackers.
    public long aHi(int s) { return d[s * WORDS + A_HI]; }
    public long aLo(int s) { return d[s * WORDS + A_LO]; }
    public long bHi(int s) { return d[s * WORDS + B_HI]; }
    public long bLo(int s) { return d[s * WORDS + B_LO]; }
    public int ports(int s) { return (int) d[s * WORDS + KEY]; }
    /** The key word without the ports: protocol and VLANs. */
    public long meta(int s) { return d[s * WORDS + KEY] & 0xffff_ffff_0000_0000L; }
    public long firstTs(int s) { return d[s * WORDS + FIRST]; }
    public long lastTs(int s) { return d[s * WORDS + LAST]; }
    public long state(int s) { return d[s * WORDS + STATE]; }
    public void state(int s, long w) { d[s * WORDS + STATE] = w; }
    public long pktsA(int s) { return d[s * WORDS + PKTS] >>> 32; }
    public long pktsB(int s) { return d[s * WORDS + PKTS] & 0xffff_ffffL; }

    /** Counts one packet for {@code side}; false (and nothing counted) when the 32-bit count is full. */
    public boolean countPacket(int s, int side) {
        int i = s * WORDS + PKTS;
        long v = d[i];
        if (side == 0) {
            if ((v >>> 32) == 0xffff_ffffL) return false;
            d[i] = v + (1L << 32);
        } else {
            if ((v & 0xffff_ffffL) == 0xffff_ffffL) return false;
            d[i] = v + 1;
        }
        return true;
    }

    public int prev(int s) { return (int) (d[s * WORDS + LINKS] >> 32); }
    public int next(int s) { return (int) d[s * WORDS + LINKS]; }

    public void prev(int s, int p) {
        int i = s * WORDS + LINKS;
        d[i] = ((long) p << 32) | (d[i] & 0xffff_ffffL);
    }

    public void next(int s, int n) {
        int i = s * WORDS + LINKS;
        d[i] = (d[i] & 0xffff_ffff_0000_0000L) | (n & 0xffff_ffffL);
    }

    /** Clears the per-flow counters and state of slot {@code s}; keys, first timestamp and list membership stay. */
    public void clearCounters(int s) {
        int b = s * WORDS;
        d[b + PKTS] = d[b + IPB_A] = d[b + IPB_B] = 0;
        d[b + SEQ_A] = d[b + SEQ_B] = d[b + ACKS] = 0;
        d[b + STATE] &= 3L << 48; // keep the list membership
        d[b + HIST0] = d[b + HIST1] = 0;
        int e = tcpx(s);
        if (e >= 0) {
            long[] t = tcp.page(e);
            int x = tcp.base(e);
            t[x + TcpStore.LAST_SYN] = t[x + TcpStore.LAST_FINRST] = t[x + TcpStore.DATA_END] = t[x + TcpStore.SCALED] = 0;
        }
    }

    public int ipProto(int s) {
        return (int) (meta(s) >>> 32) & 0xff;
    }

    public int vlan(int s) {
        int v = (int) (meta(s) >>> 40) & 0xfff;
        return v == 0 ? -1 : v;
    }

    public int innerVlan(int s) {
        int v = (int) (meta(s) >>> 52) & 0xfff;
        return v == 0 ? -1 : v;
    }

    /** The key word's upper half: protocol and VLAN ids (-1 or 0: none). */
    public static long meta(int ipProto, int vlan, int innerVlan) {
        return ((ipProto & 0xffL) << 32) | ((long) (Math.max(0, vlan) & 0xfff) << 40)
                | ((long) (Math.max(0, innerVlan) & 0xfff) << 52);
    }

    public static long key(long meta, int aPort, int bPort) {
        return meta | ((long) (aPort & 0xffff) << 16) | (bPort & 0xffff);
    }

    private static long swapHalves(long v) {
        return (v << 32) | (v >>> 32);
    }

    /** Swaps 16-bit lanes 0↔1 and 2↔3. */
    private static long swapLanePairs(long v) {
        return ((v & 0xffffL) << 16) | ((v >>> 16) & 0xffffL) | (((v >>> 32) & 0xffffL) << 48)
                | (((v >>> 48) & 0xffffL) << 32);
    }

    /**
     * Swaps sides A and B of slot {@code s}: keys, counters, TCP endpoint state (the history string stays).
     * Only for a flow its first packet just created: TCP analysis state is not swapped.
     */
    public void flip(int s) {
        int b = s * WORDS;
        swap(b + A_HI, b + B_HI);
        swap(b + A_LO, b + B_LO);
        long k = d[b + KEY];
        d[b + KEY] = (k & 0xffff_ffff_0000_0000L) | ((k & 0xffffL) << 16) | ((k >>> 16) & 0xffffL);
        d[b + PKTS] = swapHalves(d[b + PKTS]);
        swap(b + IPB_A, b + IPB_B);
        swap(b + SEQ_A, b + SEQ_B);
        d[b + ACKS] = swapHalves(d[b + ACKS]);
        int e = tcpx(s);
        if (e >= 0) {
            long[] t = tcp.page(e);
            int x = tcp.base(e);
            t[x + TcpStore.LAST_SYN] = swapHalves(t[x + TcpStore.LAST_SYN]);
            t[x + TcpStore.LAST_FINRST] = swapLanePairs(t[x + TcpStore.LAST_FINRST]);
            t[x + TcpStore.DATA_END] = swapHalves(t[x + TcpStore.DATA_END]);
            t[x + TcpStore.SCALED] = swapLanePairs(t[x + TcpStore.SCALED]);
            // The analysis words are still zero: only a flow created by this very packet is flipped.
        }
        d[b + STATE] = State.flipSides(d[b + STATE]);
    }

    private void swap(int i, int j) {
        long t = d[i];
        d[i] = d[j];
        d[j] = t;
    }
}
