package dev.netproof.packetstore;

/**
 * A direction-free 32-bit hash of a flow key (addresses, ports, protocol), the same for both
 * directions, so that one index entry per packet finds both halves of a conversation. The VLAN is left
 * out: the index only narrows the candidates, and extraction checks every candidate exactly.
 * 0 is never returned (it means "no flow" in the index).
 */
public final class FlowHash {
    private FlowHash() {}

    public static int of(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort, int proto) {
        long h = end(aHi, aLo, aPort) + end(bHi, bLo, bPort);
        h ^= (proto & 0xffL) * 0xD6E8FEB86659FD93L;
        h = (h ^ (h >>> 32)) * 0xD6E8FEB86659FD93L;
        int r = (int) (h ^ (h >>> 32));
        return r == 0 ? 1 : r;
    }

    private static long end(long hi, long lo, int port) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L ^ (port & 0xffffL);
        h = (h ^ (h >>> 32)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** 16-bit hash of one address, stored per packet for host lookups. */
    public static int host16(long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L ^ lo) * 0xBF58476D1CE4E5B9L;
        int r = (int) (h >>> 48);
        return r == 0 ? 1 : r; // 0 marks "no IP layer" in the index
    }

    /** 64-bit hash of one address, for the per-segment Bloom filter. */
    public static long host64(long hi, long lo) {
        long h = (hi ^ 0x5851F42D4C957F2DL) * 0x9E3779B97F4A7C15L ^ lo;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
