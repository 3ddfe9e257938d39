package dev.netproof.store.tier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * The first {@link HeavyHitters}, kept as the oracle of its differential test: one object per cell in a
 * HashMap and a heap of those objects. The same Space-Saving with the same heap, so the same rows in the same
 * order for any input.
 */
final class ReferenceHeavyHitters {
    private static final int LG_K = HeavyHitters.LG_K;

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

    ReferenceHeavyHitters(int budget) {
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
