package dev.netproof.store.tier;

import dev.netproof.core.model.Flow;
import dev.netproof.store.internal.SourceTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The hot tier's 1-second series: flows, bytes and packets per source and second of flow start (the same
 * attribution as {@link WindowRollup}). Drained like it; one {@code long[3]} per open second. Not thread-safe.
 */
public final class SecondSeries {
    static final long SECOND = 1_000_000_000L;

    private final Map<SourceTime, long[]> seconds = new HashMap<>();

    public void add(Flow f) {
        long s = Math.floorDiv(f.tsNanos(), SECOND) * SECOND;
        long[] c = seconds.computeIfAbsent(new SourceTime(s, f.source()), k -> new long[3]);
        c[0]++;
        c[1] += WindowRollup.bytes(f);
        c[2] += WindowRollup.packets(f);
    }

    public int size() {
        return seconds.size();
    }

    /** Rows of seconds that end at or before {@code nanos}; those seconds are closed. */
    public List<SecondRow> drainBefore(long nanos) {
        List<SecondRow> out = new ArrayList<>();
        for (Iterator<Map.Entry<SourceTime, long[]>> it = seconds.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SourceTime, long[]> e = it.next();
            if (e.getKey().start() + SECOND <= nanos) {
                long[] c = e.getValue();
                out.add(new SecondRow(e.getKey().start(), e.getKey().source(), c[0], c[1], c[2]));
                it.remove();
            }
        }
        return out;
    }
}
