package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.source.flow.sflow.SflowMetric;

/**
 * Follows the sample sequence number (and the cumulative {@code drops} of flow samples) of each sFlow
 * data source, to count the samples lost on the way and the ones the agent itself could not send.
 *
 * <p>A data source is (agent, sub-agent, source id type, source id index, flow or counter): flow and
 * counter samples of one source are numbered separately. The table is open addressing over arrays of
 * a fixed size (a power of two above the capacity), allocated once: no allocation per sample, no eviction. When it is
 * full, new sources are counted ({@code sample_sources_untracked}) and not followed; a collector with
 * more sources than that needs a larger {@code maxSequenceSources}.
 *
 * <p>Sequence steps, unsigned 32-bit: +1 is in order; +k (k up to {@link #MAX_GAP}) is k-1 missing;
 * 0 is a duplicate; up to {@link #MAX_REORDER} behind is reordered (the position does not move back);
 * anything else is an agent restart, and the sequence restarts from it. Not thread-safe.
 */
public final class SampleSequences {
    /** A larger step is taken as a restart rather than as this many samples lost. */
    static final long MAX_GAP = 1L << 20;
    /** How far behind a late sample may be to count as reordered rather than as a restart. */
    static final long MAX_REORDER = 1L << 10;
    private static final long NO_DROPS = -1;

    private final StageCounters counters;
    private final int mask;
    private final int capacity;
    private final long[] agentHi, agentLo, subAgent, sourceId, lastSeq, lastDrops;
    private final boolean[] used;
    private int size;

    public SampleSequences(int capacity, StageCounters counters) {
        // One to two slots per source, so probe runs stay short.
        int cap = Integer.highestOneBit(Math.max(1, capacity)) << 1;
        this.capacity = capacity;
        this.counters = counters;
        this.mask = cap - 1;
        agentHi = new long[cap];
        agentLo = new long[cap];
        subAgent = new long[cap];
        sourceId = new long[cap];
        lastSeq = new long[cap];
        lastDrops = new long[cap];
        used = new boolean[cap];
    }

    /**
     * Notes one sample.
     *
     * @param counterSample true for a counter sample, false for a flow sample
     * @param sourceType    source id type (0 ifIndex, 1 VLAN, 2 physical entity...)
     * @param drops         the flow sample's cumulative drops, -1 for a counter sample
     */
    public void observe(long hi, long lo, long sub, boolean counterSample, long sourceType, long sourceIndex,
                        long sequence, long drops) {
        long id = (counterSample ? 1L << 62 : 0) | (sourceType & 0x3fff_ffffL) << 32 | sourceIndex;
        int h = Long.hashCode((hi * 0x9E3779B97F4A7C15L ^ lo) * 31 + sub * 0xC2B2AE3D27D4EB4FL + id) & mask;
        for (int probe = 0; probe <= mask; probe++) {
            int i = (h + probe) & mask;
            if (!used[i]) {
                if (size >= capacity) break;
                used[i] = true;
                size++;
                agentHi[i] = hi;
                agentLo[i] = lo;
                subAgent[i] = sub;
                sourceId[i] = id;
                lastSeq[i] = sequence;
                lastDrops[i] = drops < 0 ? NO_DROPS : drops;
                counters.inc(SflowMetric.SAMPLE_SOURCES_NEW);
                return;
            }
            if (agentHi[i] == hi && agentLo[i] == lo && subAgent[i] == sub && sourceId[i] == id) {
                step(i, sequence, drops);
                return;
            }
        }
        counters.inc(SflowMetric.SAMPLE_SOURCES_UNTRACKED);
    }

    private void step(int i, long sequence, long drops) {
        long delta = (sequence - lastSeq[i]) & 0xffff_ffffL;
        boolean restart = false;
        if (delta == 0) {
            counters.inc(SflowMetric.SAMPLE_SEQUENCE_DUPLICATE);
            return;
        } else if (delta <= MAX_GAP) {
            if (delta > 1) counters.add(SflowMetric.SAMPLE_SEQUENCE_MISSING, delta - 1);
        } else if (0x1_0000_0000L - delta <= MAX_REORDER) {
            counters.inc(SflowMetric.SAMPLE_SEQUENCE_REORDERED);
            return;
        } else {
            counters.inc(SflowMetric.SAMPLE_SEQUENCE_RESET);
            restart = true;
        }
        lastSeq[i] = sequence;
        if (drops >= 0) {
            long before = lastDrops[i];
            if (before >= 0) {
                long more = restart || drops < before ? drops : drops - before;
                if (more > 0) counters.add(SflowMetric.AGENT_DROPPED_SAMPLES, more);
            }
            lastDrops[i] = drops;
        }
    }

    /** Data sources followed. */
    public int size() {
        return size;
    }
}
