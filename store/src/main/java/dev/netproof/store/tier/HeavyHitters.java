package dev.netproof.store.tier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final class Cell {
        final String key;
        final long error;
        long flows, bytes, packets;
        int index;

        Cell(String key, long error) {
            this.key = key;
            this.error = error;
        }

        long weight() {
            return bytes + error;
        }
    }

    private final int budget;
    private final Map<String, Cell> cells = new HashMap<>();
    private Cell[] heap = new Cell[16];
    private int size;
    private long otherFlows, otherBytes, otherPackets;
    private HllSketch otherKeys;

    public HeavyHitters(int budget) {
        if (budget < 1) throw new IllegalArgumentException("budget must be positive");
        this.budget = budget;
    }

    public void add(String key, long flows, long bytes, long packets) {
        Cell c = cells.get(key);
        if (c == null) {
            if (size < budget) {
                c = new Cell(key, 0);
                if (size == heap.length) heap = java.util.Arrays.copyOf(heap, Math.min(budget, size * 2));
                c.index = size;
                heap[size++] = c;
                cells.put(key, c);
                if (size == budget) heapify();
            } else {
                Cell min = heap[0];
                cells.remove(min.key);
                otherFlows += min.flows;
                otherBytes += min.bytes;
                otherPackets += min.packets;
                if (otherKeys == null) otherKeys = new HllSketch(LG_K, TgtHllType.HLL_4);
                // the key's String hash (cached in the String) rather than its UTF-8 bytes: the sketch's own hash of
                // a long is a third of the cost, and 32-bit collisions (~n^2/2^33) are far below its 1.6% error
                otherKeys.update((long) min.key.hashCode());
                c = new Cell(key, min.weight());
                c.index = 0;
                heap[0] = c;
                cells.put(key, c);
            }
        }
        c.flows += flows;
        c.bytes += bytes;
        c.packets += packets;
        if (size == budget) siftDown(c.index); // a weight only grows: the cell can only move away from the root
    }

    /**
     * Orders the cells as a heap once they fill the budget: until then no cell is replaced, so the heap is not
     * kept (most windows of most dimensions never fill theirs).
     */
    private void heapify() {
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
            Cell c = heap[i];
            out.add(new RollupRow(windowNanos, source, dim, c.key, c.flows, c.bytes, c.packets, 1, null, c.error));
        }
        if (otherKeys != null) {
            out.add(new RollupRow(windowNanos, source, dim, null, otherFlows, otherBytes, otherPackets,
                    Math.round(otherKeys.getEstimate()), otherKeys.toCompactByteArray(), 0));
        }
        return out;
    }

    private void siftDown(int i) {
        Cell c = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1].weight() < heap[child].weight()) child++;
            if (heap[child].weight() >= c.weight()) break;
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = c;
        c.index = i;
    }
}
