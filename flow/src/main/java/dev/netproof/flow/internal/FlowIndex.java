package dev.netproof.flow.internal;

/**
 * Open-addressing hash index from a direction-free flow key to a slot of {@link FlowColumns}.
 * Linear probing over an {@code int[]} of slot+1 (0 = empty), at most half full; removal shifts
 * later entries back, so no tombstones build up. The key hash is symmetric in the two endpoints,
 * so both directions of a conversation land on the same chain. Not thread-safe.
 */
public final class FlowIndex {
    private int[] table;
    private int mask;
    private final FlowColumns cols;

    public FlowIndex(FlowColumns cols, int capacity) {
        this.cols = cols;
        resize(capacity);
    }

    /** Resizes for {@code capacity} slots and re-inserts every slot in {@code live}. */
    public void resize(int capacity) {
        int size = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
        table = new int[size];
        mask = size - 1;
    }

    public static long mixEnd(long hi, long lo, int port) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L;
        h ^= port * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }

    /** Hash of a key; the same for both directions. */
    public static int hash(long srcHi, long srcLo, int sport, long dstHi, long dstLo, int dport, long meta) {
        long h = mixEnd(srcHi, srcLo, sport) + mixEnd(dstHi, dstLo, dport);
        h ^= meta * 0xD6E8FEB86659FD93L;
        h = (h ^ (h >>> 32)) * 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }

    public int hashOf(int s) {
        return hashOfSlot(s);
    }

    int hashOfSlot(int s) {
        int p = cols.ports(s);
        return hash(cols.aHi(s), cols.aLo(s), p >>> 16, cols.bHi(s), cols.bLo(s), p & 0xffff, cols.meta(s));
    }

    /** Result of {@link #find}: the slot in the low 31 bits, bit 31 set when the packet goes B→A. */
    public static final int NOT_FOUND = -1;

    /**
     * Looks a packet's key up.
     *
     * @return {@link #NOT_FOUND}, or the slot, with {@code 0x8000_0000} set when the packet was sent
     *         by side B (the responder)
     */
    public int find(int hash, long srcHi, long srcLo, int sport, long dstHi, long dstLo, int dport, long meta) {
        final int[] t = table;
        final long[] d = cols.d;
        final long key = FlowColumns.key(meta, sport, dport);
        final long rkey = FlowColumns.key(meta, dport, sport);
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int e = t[i];
            if (e == 0) return NOT_FOUND;
            int s = e - 1;
            int b = s * FlowColumns.WORDS;
            long k = d[b + FlowColumns.KEY];
            if (k == key && d[b + FlowColumns.A_LO] == srcLo && d[b + FlowColumns.B_LO] == dstLo
                    && d[b + FlowColumns.A_HI] == srcHi && d[b + FlowColumns.B_HI] == dstHi) {
                return s;
            }
            if (k == rkey && d[b + FlowColumns.A_LO] == dstLo && d[b + FlowColumns.B_LO] == srcLo
                    && d[b + FlowColumns.A_HI] == dstHi && d[b + FlowColumns.B_HI] == srcHi) {
                return s | 0x8000_0000;
            }
        }
    }

    public void insert(int hash, int slot) {
        final int[] t = table;
        int i = hash & mask;
        while (t[i] != 0) i = (i + 1) & mask;
        t[i] = slot + 1;
    }

    /** Removes {@code slot}, whose key must still be in the columns. */
    public void remove(int slot) {
        final int[] t = table;
        int i = hashOfSlot(slot) & mask;
        while (t[i] != slot + 1) {
            if (t[i] == 0) throw new IllegalStateException("slot " + slot + " not in index");
            i = (i + 1) & mask;
        }
        // backward-shift deletion
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int e = t[j];
            if (e == 0) break;
            int home = hashOfSlot(e - 1) & mask;
            // move e to i if its home is not cyclically in (i, j]
            boolean inRange = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!inRange) {
                t[i] = e;
                i = j;
            }
        }
        t[i] = 0;
    }

    public long memoryBytes() {
        return (long) table.length * Integer.BYTES;
    }
}
