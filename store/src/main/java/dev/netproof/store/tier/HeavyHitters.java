package dev.netproof.store.tier;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * The keys of one window and dimension within a budget: Space-Saving (Metwally, Agrawal, El Abbadi 2005),
 * ranked by bytes, with exact counters and an exact "other" account.
 *
 * <p>Up to {@code budget} keys have a cell. A new key when all cells are taken replaces the cell with the
 * fewest bytes (counting that cell's error); the replaced cell's flows, bytes and packets move to "other"
 * and its key to the "other" distinct-key sketch, and the new key's error is the replaced cell's weight: as
 * in Space-Saving, any key with more bytes than the smallest cell's weight at the end holds a cell, and
 * a named key's bytes lie in {@code [bytes, bytes + error]}. Unlike the textbook counter (and DataSketches'
 * {@code ItemsSketch}, whose counts are estimates), a cell counts exactly what arrived since its key was
 * admitted, so named rows plus "other" equal what was added, exactly, for bytes, packets and flows.
 *
 * <p>Memory: {@code budget} cells plus one HllSketch (at most 2^{@value #LG_K}/2 bytes). Once the cells fill
 * the budget, they form a min-heap by weight and an update is a sift, O(log budget); before, a hash lookup.
 * Not thread-safe.
 */
public final class HeavyHitters {
    /** HllSketch precision: 4096 buckets, about 1.6% relative standard error. */
    public static final int LG_K = 12;

    // Cells are numbered 0..size-1 and kept in parallel arrays, found through an open-addressing table of cell
    // numbers: in a window with more keys than its budget almost every flow replaces a cell, and with a
    // HashMap of objects that was a remove, a put (a new node) and a sift through scattered cells, per flow
    // and dimension (a third of the store writer's time in an ingest of the bench capture).
    private final int budget;
    private String[] keys = new String[16];
    private int[] hashes = new int[16];
    private long[] flows = new long[16], bytes = new long[16], packets = new long[16], errors = new long[16];
    /** Once full: heap[i] is a cell number, weights[i] its weight, position[cell] its place in the heap. */
    private int[] heap, position;
    private long[] weights;
    private int[] table = new int[32]; // cell number + 1, 0 for empty; at most half full
    private int size;
    private long otherFlows, otherBytes, otherPackets;
    private HllSketch otherKeys;

    public HeavyHitters(int budget) {
        if (budget < 1) throw new IllegalArgumentException("budget must be positive");
        this.budget = budget;
    }

    public void add(String key, long flows, long bytes, long packets) {
        int hash = key.hashCode();
        int c = find(key, hash);
        if (c < 0) c = size < budget ? admit(key, hash) : replaceLightest(key, hash);
        this.flows[c] += flows;
        this.bytes[c] += bytes;
        this.packets[c] += packets;
        if (size == budget) {
            int i = position[c];
            weights[i] += bytes; // a weight only grows: the cell can only move away from the root
            siftDown(i);
        }
    }

    // admit and replaceLightest are separate methods so that C2 compiles each once: inlined into add, the
    // first window to fill its budget, and the first replacement, each threw away add's compiled code
    // (3 compiles of 0.2 s in an ingest)

    /** A new cell while the budget is not used up. */
    private int admit(String key, int hash) {
        int c = size++;
        if (c == keys.length) grow();
        keys[c] = key;
        hashes[c] = hash;
        insert(c);
        if (size == budget) heapify();
        return c;
    }

    /** The lightest cell, its counts moved to "other", now {@code key}'s with that weight as its error. */
    private int replaceLightest(String key, int hash) {
        int c = heap[0];
        remove(c);
        otherFlows += flows[c];
        otherBytes += bytes[c];
        otherPackets += packets[c];
        if (otherKeys == null) otherKeys = new HllSketch(LG_K, TgtHllType.HLL_4);
        // the key's String hash (cached in the String) rather than its UTF-8 bytes: the sketch's own hash of
        // a long is a third of the cost, and 32-bit collisions (~n^2/2^33) are far below its 1.6% error
        otherKeys.update((long) hashes[c]);
        errors[c] = weights[0];
        keys[c] = key;
        hashes[c] = hash;
        flows[c] = bytes[c] = packets[c] = 0;
        insert(c);
        return c;
    }

    private static int slot(int hash, int mask) {
        return (hash * 0x9E3779B9) >>> 7 & mask; // String hashes of similar keys differ in their low bits only
    }

    private int find(String key, int hash) {
        int mask = table.length - 1;
        for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
            int t = table[i];
            if (t == 0) return -1;
            int c = t - 1;
            if (hashes[c] == hash && keys[c].equals(key)) return c;
        }
    }

    private void insert(int c) {
        int mask = table.length - 1;
        int i = slot(hashes[c], mask);
        while (table[i] != 0) i = (i + 1) & mask;
        table[i] = c + 1;
    }

    /** Removes cell {@code c} from the table, moving back the entries of its probe run (no tombstones). */
    private void remove(int c) {
        int mask = table.length - 1;
        int i = slot(hashes[c], mask);
        while (table[i] != c + 1) i = (i + 1) & mask;
        for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = slot(hashes[table[j] - 1], mask);
            // the entry at j may fill the hole at i when its home is not in (i, j], cyclically
            if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
                table[i] = table[j];
                i = j;
            }
        }
        table[i] = 0;
    }

    private void grow() {
        int n = Math.min(budget, keys.length * 2);
        keys = java.util.Arrays.copyOf(keys, n);
        hashes = java.util.Arrays.copyOf(hashes, n);
        flows = java.util.Arrays.copyOf(flows, n);
        bytes = java.util.Arrays.copyOf(bytes, n);
        packets = java.util.Arrays.copyOf(packets, n);
        errors = java.util.Arrays.copyOf(errors, n);
        if (table.length < 2 * n) {
            table = new int[Integer.highestOneBit(2 * n - 1) << 1];
            for (int c = 0; c < size - 1; c++) insert(c); // the new cell (size - 1) is inserted by the caller
        }
    }

    /**
     * Orders the cells as a heap once they fill the budget: until then no cell is replaced, so the heap is not
     * kept (most windows of most dimensions never fill theirs).
     */
    private void heapify() {
        heap = new int[size];
        position = new int[size];
        weights = new long[size];
        for (int c = 0; c < size; c++) {
            heap[c] = c;
            position[c] = c;
            weights[c] = bytes[c] + errors[c];
        }
        for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
    }

    /** Cells held (named keys). */
    public int size() {
        return size;
    }

    /** The named rows and, when any key was replaced, the "other" row. */
    public List<RollupRow> rows(long windowNanos, String source, String dim) {
        List<RollupRow> out = new ArrayList<>(size + 1);
        for (int i = 0; i < size; i++) {
            int c = heap == null ? i : heap[i];
            out.add(new RollupRow(windowNanos, source, dim, keys[c], flows[c], bytes[c], packets[c], 1, null, errors[c]));
        }
        if (otherKeys != null) {
            out.add(new RollupRow(windowNanos, source, dim, null, otherFlows, otherBytes, otherPackets,
                    Math.round(otherKeys.getEstimate()), otherKeys.toCompactByteArray(), 0));
        }
        return out;
    }

    private void siftDown(int i) {
        int c = heap[i];
        long w = weights[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && weights[child + 1] < weights[child]) child++;
            if (weights[child] >= w) break;
            heap[i] = heap[child];
            weights[i] = weights[child];
            position[heap[i]] = i;
            i = child;
        }
        heap[i] = c;
        weights[i] = w;
        position[c] = i;
    }
}
