package dev.netproof.flow.internal;

/**
 * Remembers the ports of recent first fragments so that later fragments of the same datagram
 * (which carry no transport header) are attributed to the right flow. A fixed-size, direct-mapped
 * table keyed by (source, destination, protocol, identification): a newer datagram may overwrite
 * an older one's entry, which only costs attribution of that older datagram's late fragments
 * (counted by the caller as unattributed). Memory is fixed at construction.
 */
public final class FragmentTracker {
    private final long[] keyA, keyB;
    private final int[] ports;
    private final int mask;

    public FragmentTracker(int sizePowerOfTwo) {
        int n = Integer.highestOneBit(Math.max(16, sizePowerOfTwo));
        keyA = new long[n];
        keyB = new long[n];
        ports = new int[n];
        mask = n - 1;
    }

    private static long k1(long srcHi, long srcLo, long dstHi, long dstLo) {
        return (srcHi * 31 + srcLo) * 0x9E3779B97F4A7C15L ^ (dstHi * 31 + dstLo);
    }

    private static long k2(int proto, long id, long srcLo, long dstLo) {
        return (id << 8 | proto) ^ (srcLo * 0xBF58476D1CE4E5B9L) ^ Long.rotateLeft(dstLo, 17);
    }

    private int index(long a, long b) {
        long h = (a ^ Long.rotateLeft(b, 31)) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    public void remember(long srcHi, long srcLo, long dstHi, long dstLo, int proto, long id, int sport, int dport) {
        long a = k1(srcHi, srcLo, dstHi, dstLo), b = k2(proto, id, srcLo, dstLo);
        int i = index(a, b);
        keyA[i] = a;
        keyB[i] = b;
        ports[i] = (sport << 16) | dport;
    }

    /** @return {@code sport << 16 | dport}, or -1 when the first fragment was not seen (or was overwritten) */
    public int lookup(long srcHi, long srcLo, long dstHi, long dstLo, int proto, long id) {
        long a = k1(srcHi, srcLo, dstHi, dstLo), b = k2(proto, id, srcLo, dstLo);
        int i = index(a, b);
        return keyA[i] == a && keyB[i] == b && (a | b) != 0 ? ports[i] : -1;
    }
}
