package dev.netproof.flow.internal;

import java.util.Arrays;

/**
 * Per-connection TCP records beside the flow records: only TCP flows have one, so UDP and ICMP flows
 * do not pay for TCP state. A flow finds its record through {@link FlowColumns#TCPX}. Records of
 * {@link #words} longs live in pages of {@value #PAGE} records, added one at a time, and free records
 * are chained through their first word: the store holds at most one page more than its peak and no
 * per-record bookkeeping (one array doubling would hold up to twice the peak and copy it each time).
 *
 * <p>A record holds Zeek's per-side bookkeeping for history letters and, when TCP analysis is on,
 * Wireshark's per-direction sequence analysis state, the handshake, RTT and window figures
 * ({@link TcpAnalysis} documents the words). The rarely needed event counters (retransmissions,
 * duplicate ACKs...) live in a second, sparse store of {@link #ANOMALY_WORDS}-long blocks that a
 * connection only gets at its first such event: most connections never have one.
 *
 * <pre>
 *  word 0  relative seq of the last SYN: A (high 32) | B (low 32)       (Zeek history)
 *       1  low 16 bits of relative seq of last FIN A, FIN B, RST A, RST B (Zeek history)
 *       2  end of the data seen (sequence number after the highest payload byte): A (high 32) | B (low 32)
 *       3  scaled counters: retransmissions A, B; zero windows A, B (16 bits each, saturating; Zeek's t/w)
 *       4… TCP analysis, see {@link TcpAnalysis}
 * </pre>
 */
public final class TcpStore {
    public static final int LAST_SYN = 0, LAST_FINRST = 1, DATA_END = 2, SCALED = 3;
    /** Words a record needs without TCP analysis. */
    public static final int BASE_WORDS = 4;
    /** Longs in one block of event counters. */
    public static final int ANOMALY_WORDS = 13;

    /** Records per page. */
    public static final int PAGE = 1024;
    private static final int PAGE_BITS = 10;

    public final int words;
    private long[][] pages = new long[0][];
    private int capacity;
    /** Head of the free records, + 1 (0: none); a free record's word 0 holds the next one's, + 1. */
    private int freeHead;
    private int used;

    /** Anomaly blocks: counters; index {@code block * ANOMALY_WORDS}. */
    public long[] a = new long[16 * ANOMALY_WORDS];
    private int aCapacity = 16;
    private int[] aFree = initialFree(16);
    private int aFreeTop = 16;

    public TcpStore(int words) {
        this.words = words;
    }

    /** The page holding record {@code e}. */
    public long[] page(int e) {
        return pages[e >>> PAGE_BITS];
    }

    /** Index of record {@code e}'s first word in its {@link #page}. */
    public int base(int e) {
        return (e & (PAGE - 1)) * words;
    }

    private static int[] initialFree(int n) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) f[i] = n - 1 - i;
        return f;
    }

    /** A zeroed record's index. Grows the store when none is free (bounded by the flow table's own limit). */
    public int allocate() {
        if (freeHead == 0) grow();
        int e = freeHead - 1;
        long[] p = page(e);
        int b = base(e);
        freeHead = (int) p[b];
        Arrays.fill(p, b, b + words, 0L);
        used++;
        return e;
    }

    public void release(int e) {
        long blockRef = words > BASE_WORDS ? TcpAnalysis.anomalyRef(this, e) : 0;
        if (blockRef != 0) releaseBlock((int) blockRef - 1);
        page(e)[base(e)] = freeHead;
        freeHead = e + 1;
        used--;
    }

    private void grow() {
        int n = Math.addExact(capacity, PAGE);
        pages = Arrays.copyOf(pages, pages.length + 1);
        long[] p = new long[PAGE * words];
        pages[pages.length - 1] = p;
        // chain the new records, lowest first
        for (int i = PAGE - 1; i >= 0; i--) {
            p[i * words] = freeHead;
            freeHead = capacity + i + 1;
        }
        capacity = n;
    }

    /** A zeroed anomaly block's index. */
    public int allocateBlock() {
        if (aFreeTop == 0) {
            int n = Math.multiplyExact(aCapacity, 2);
            a = Arrays.copyOf(a, Math.multiplyExact(n, ANOMALY_WORDS));
            int[] f = new int[n];
            for (int i = n - 1; i >= aCapacity; i--) f[aFreeTop++] = i;
            aFree = f;
            aCapacity = n;
        }
        int b = aFree[--aFreeTop];
        Arrays.fill(a, b * ANOMALY_WORDS, b * ANOMALY_WORDS + ANOMALY_WORDS, 0L);
        return b;
    }

    public void releaseBlock(int b) {
        aFree[aFreeTop++] = b;
    }

    /** Records in use. */
    public int used() {
        return used;
    }

    /** Heap held by both stores and their free lists, in bytes. */
    public long memoryBytes() {
        return (long) capacity * words * 8 + (long) pages.length * 16 + (long) a.length * 8 + (long) aFree.length * 4;
    }
}
