package dev.netproof.store.tier;

import dev.netproof.core.model.Flow;
import dev.netproof.store.internal.SourceTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Flows rolled up into fixed windows (a minute, an hour) per source and {@link Dimension}, plus the
 * window's total. A flow counts wholly in the window of its start time (as nfdump does), so every tier's
 * sums over a window are the sums over the flows that started in it. Bytes are IP bytes both ways,
 * packets both ways, as {@code query top} counts them.
 *
 * <p>Flows arrive when they end, not in start order, so windows stay open; {@link #drainBefore} hands over
 * the windows that ended before a time (the writer passes its newest start time less a lateness) and
 * {@link #drainAll} all of them. A flow that arrives for a drained window opens it again: its rows add to
 * the ones written before. Memory: at most the dimensions' budgets of cells per open window. Not thread-safe.
 */
public final class WindowRollup {

    private static final class Window {
        final HeavyHitters[] dims;
        long flows, bytes, packets;

        Window(List<Dimension> dimensions) {
            dims = new HeavyHitters[dimensions.size()];
            for (int i = 0; i < dims.length; i++) dims[i] = new HeavyHitters(dimensions.get(i).budget());
        }
    }

    private final long widthNanos;
    private final List<Dimension> dimensions;
    private final Map<SourceTime, Window> windows = new HashMap<>();
    private int cells;
    /** The window of the last flow added (null after a drain). */
    private Window last;
    private long lastStart;
    private String lastSource;

    public WindowRollup(long widthNanos, List<Dimension> dimensions) {
        this.widthNanos = widthNanos;
        this.dimensions = List.copyOf(dimensions);
    }

    public static long bytes(Flow f) {
        return f.origIpBytes() + f.respIpBytes();
    }

    public static long packets(Flow f) {
        return f.origPkts() + f.respPkts();
    }

    public void add(Flow f) {
        String[] keys = new String[dimensions.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = dimensions.get(i).key(f);
        add(f, keys);
    }

    /** Adds a flow whose keys (one per dimension, in order) the caller made, to share them between rollups. */
    public void add(Flow f, String[] keys) {
        long start = Math.floorDiv(f.tsNanos(), widthNanos) * widthNanos;
        // consecutive flows mostly share a window: skip the key record and the map lookup then
        Window w = last;
        if (w == null || start != lastStart || !f.source().equals(lastSource)) {
            w = windows.computeIfAbsent(new SourceTime(start, f.source()), k -> new Window(dimensions));
            last = w;
            lastStart = start;
            lastSource = f.source();
        }
        long bytes = bytes(f), packets = packets(f);
        w.flows++;
        w.bytes += bytes;
        w.packets += packets;
        for (int i = 0; i < w.dims.length; i++) {
            HeavyHitters h = w.dims[i];
            int before = h.size();
            h.add(keys[i], 1, bytes, packets);
            cells += h.size() - before;
        }
    }

    /** Named cells held over all open windows (what memory is spent on). */
    public int cells() {
        return cells;
    }

    public int openWindows() {
        return windows.size();
    }

    /** The rows of windows that end at or before {@code nanos}; those windows are closed. */
    public List<RollupRow> drainBefore(long nanos) {
        List<RollupRow> out = new ArrayList<>();
        last = null;
        for (Iterator<Map.Entry<SourceTime, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SourceTime, Window> e = it.next();
            if (e.getKey().start() + widthNanos <= nanos) {
                rows(e.getKey(), e.getValue(), out);
                it.remove();
            }
        }
        return out;
    }

    public List<RollupRow> drainAll() {
        return drainBefore(Long.MAX_VALUE);
    }

    private void rows(SourceTime k, Window w, List<RollupRow> out) {
        out.add(new RollupRow(k.start(), k.source(), Dimension.TOTAL, "", w.flows, w.bytes, w.packets, 0, null, 0));
        for (int i = 0; i < w.dims.length; i++) {
            cells -= w.dims[i].size();
            out.addAll(w.dims[i].rows(k.start(), k.source(), dimensions.get(i).name()));
        }
    }
}
