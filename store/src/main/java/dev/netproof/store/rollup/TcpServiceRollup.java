package dev.netproof.store.rollup;

import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.TcpDirection;
import dev.netproof.core.model.TcpHealth;
import dev.netproof.store.internal.SourceTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls TCP flows up per service and minute, as they are stored: connection counts by health class,
 * payload and retransmitted bytes, zero windows, and latency sketches of handshake RTT and RTT.
 *
 * <p>A minute holds at most {@code budget} services per source; the services after that go to the
 * minute's "other" row, which still carries their counts and sketches, and {@link #overBudget()}
 * counts the flows that went there. A cell keeps its latency values as (bucket, count) pairs
 * ({@link LatencyAccumulator}), so a cell of a few connections costs a few hundred bytes. Memory is
 * bounded by the cells held; the store writer drains the rollup ({@link #drain()}) when they get many,
 * and rows of one key from several drains add up when read. Not thread-safe: the store writer owns it.
 */
public final class TcpServiceRollup {
    public static final int DEFAULT_BUDGET = 10_000;
    private static final long MINUTE = 60_000_000_000L;

    /** A cell's key; respH null and respP -1 for the minute's "other" row. */
    private record Key(long minute, String source, IpAddress respH, int respP) {
        // written out: the generated ones are method-handle chains the JIT inlines at length
        @Override
        public int hashCode() {
            return (Long.hashCode(minute) * 31 + source.hashCode()) * 31 + (respH == null ? 0 : respH.hashCode()) * 31 + respP;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.minute == minute && k.respP == respP && k.source.equals(source)
                    && (respH == null ? k.respH == null : respH.equals(k.respH));
        }
    }

    private static final class Cell {
        long connections, handshakes, healthy, degraded, severe, payload, rexmitBytes, rexmits, zeroWindows, rttSamples;
        final LatencyAccumulator hs = new LatencyAccumulator();
        final LatencyAccumulator rtt = new LatencyAccumulator();
    }

    private final int budget;
    private final Map<Key, Cell> cells = new LinkedHashMap<>();
    private final Map<SourceTime, Integer> servicesPerMinute = new HashMap<>();
    private long overBudget;

    public TcpServiceRollup(int budget) {
        if (budget < 1) throw new IllegalArgumentException("budget must be positive");
        this.budget = budget;
    }

    /** Adds one flow; flows without TCP health are ignored. */
    public void add(Flow f) {
        TcpHealth h = f.tcp();
        if (h == null) return;
        long minute = Math.floorDiv(f.tsNanos(), MINUTE) * MINUTE;
        Key key = new Key(minute, f.source(), f.respH(), f.respP());
        Cell c = cells.get(key);
        if (c == null) {
            SourceTime minuteKey = new SourceTime(minute, f.source());
            int n = servicesPerMinute.getOrDefault(minuteKey, 0);
            if (n >= budget) {
                key = new Key(minute, f.source(), null, -1);
                overBudget++;
                c = cells.get(key);
            } else {
                servicesPerMinute.put(minuteKey, n + 1);
            }
            if (c == null) {
                c = new Cell();
                cells.put(key, c);
            }
        }
        c.connections++;
        switch (h.health()) {
            case HEALTHY -> c.healthy++;
            case DEGRADED -> c.degraded++;
            case SEVERE -> c.severe++;
        }
        if (h.handshakeRttUs() >= 0) {
            c.handshakes++;
            c.hs.record(h.handshakeRttUs(), 1);
        }
        for (TcpDirection d : new TcpDirection[] {h.orig(), h.resp()}) {
            c.payload += d.payloadBytes();
            c.rexmitBytes += d.retransmittedBytes();
            c.rexmits += d.retransmissions();
            c.zeroWindows += d.zeroWindows();
            if (d.rtt().count() > 0) {
                c.rttSamples += d.rtt().count();
                c.rtt.record(Math.round(d.rtt().meanUs()), d.rtt().count());
            }
        }
    }

    /** Flows that went to an "other" row since the rollup was made. */
    public long overBudget() {
        return overBudget;
    }

    /** Rows held. */
    public int size() {
        return cells.size();
    }

    /** The rows so far; the rollup starts empty again (budgets too: a later row for the same minute merges). */
    public List<ServiceMinute> drain() {
        List<ServiceMinute> out = new ArrayList<>(cells.size());
        for (Map.Entry<Key, Cell> e : cells.entrySet()) {
            Key k = e.getKey();
            Cell c = e.getValue();
            out.add(new ServiceMinute(k.minute(), k.source(), k.respH(), k.respP(), c.connections, c.handshakes,
                    c.healthy, c.degraded, c.severe, c.payload, c.rexmitBytes, c.rexmits, c.zeroWindows, c.rttSamples,
                    c.hs.encode(), c.rtt.encode()));
        }
        cells.clear();
        servicesPerMinute.clear();
        return out;
    }
}
