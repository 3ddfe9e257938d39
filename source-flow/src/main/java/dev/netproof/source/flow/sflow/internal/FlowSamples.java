package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.sflow.SflowMetric;
import java.lang.foreign.MemorySegment;

/**
 * Flow samples (format 1) and expanded flow samples (format 3), one {@link dev.netproof.core.model.ExportedFlow}
 * each.
 * <pre>
 * format 1: sequence | source id (type 8, index 24) | sampling rate | sample pool | drops
 *           | input | output | records...                                        28 bytes + records
 * format 3: sequence | source id type | source id index | sampling rate | sample pool | drops
 *           | input format | input value | output format | output value | records...   40 + records
 * </pre>
 * The compact interface word carries its format in the top 2 bits (0 ifIndex, 1 discarded with the
 * reason below, 2 several outputs with their number below); the expanded one has a word of each.
 * The compact input word is a plain ifIndex; an expanded input of a format other than 0 is -1.
 * Format 0 gives the ifIndex as is (0 "unknown" and 0x3fffffff "the agent itself" included); an
 * output of format 1 or 2 names no single interface: {@code outIf} -1, counted. sFlow does not say
 * which direction a sample was taken in: {@code direction} -1.
 *
 * <p>Reuses one {@link FlowScratch}; allocates only the flow it delivers. Not thread-safe.
 */
public final class FlowSamples implements Records.Handler {
    static final int COMPACT_LEN = 28, EXPANDED_LEN = 40;

    private final StageCounters counters;
    private final SampleSequences sequences;
    private final RawHeader rawHeader;
    private final FlowRecords records;
    private final FlowScratch scratch = new FlowScratch();
    private long tsNanos;

    public FlowSamples(StageCounters counters, SampleSequences sequences, RawHeader rawHeader) {
        this.counters = counters;
        this.sequences = sequences;
        this.rawHeader = rawHeader;
        this.records = new FlowRecords(counters);
    }

    /** Decodes the sample at {@code [p, end)} (its data, after tag and length). */
    public void read(MemorySegment s, long p, long end, boolean expanded, IpAddress agent, long subAgent,
                     long receivedNanos, ExportSink sink) {
        int fixed = expanded ? EXPANDED_LEN : COMPACT_LEN;
        if (end - p < fixed + 4) {
            counters.inc(SflowMetric.ERROR__SAMPLE_SHORT);
            return;
        }
        counters.inc(SflowMetric.FLOW_SAMPLES);
        long seq = Xdr.u32(s, p);
        long sourceType, sourceIndex, inIf, outIf;
        int outFormat;
        long q;
        if (expanded) {
            sourceType = Xdr.u32(s, p + 4);
            sourceIndex = Xdr.u32(s, p + 8);
            q = p + 12;
            inIf = Xdr.u32(s, q + 12) == 0 ? Xdr.u32(s, q + 16) : -1;
            outFormat = (int) Math.min(Xdr.u32(s, q + 20), 3);
            outIf = Xdr.u32(s, q + 24);
        } else {
            long id = Xdr.u32(s, p + 4);
            sourceType = id >>> 24;
            sourceIndex = id & 0xff_ffff;
            q = p + 8;
            inIf = Xdr.u32(s, q + 12);
            long out = Xdr.u32(s, q + 16);
            outFormat = (int) (out >>> 30);
            outIf = out & 0x3fff_ffff;
        }
        long rate = Xdr.u32(s, q);
        long drops = Xdr.u32(s, q + 8);
        sequences.observe(agent.hi(), agent.lo(), subAgent, false, sourceType, sourceIndex, seq, drops);
        if (outFormat == 1) {
            counters.inc(SflowMetric.OUTPUT_DISCARDED);
            outIf = -1;
        } else if (outFormat != 0) {
            counters.inc(SflowMetric.OUTPUT_MULTIPLE);
            outIf = -1;
        }
        scratch.reset();
        tsNanos = receivedNanos;
        Records.read(s, p + fixed, end, counters, this);
        sink.flow(scratch.toFlow(agent, subAgent, receivedNanos, rate, inIf, outIf));
        counters.inc(SflowMetric.FLOWS);
    }

    @Override
    public void record(int enterprise, int format, MemorySegment s, long p, long end) {
        counters.inc(SflowMetric.FLOW_RECORDS);
        if (enterprise != 0) {
            counters.inc(SflowMetric.FLOW_RECORDS_SKIPPED);
            return;
        }
        switch (format) {
            case 1 -> {
                if (end - p < RawHeader.FIXED_LEN) {
                    counters.inc(SflowMetric.ERROR__RECORD_SHORT);
                } else {
                    rawHeader.read(s, p, end, tsNanos, scratch);
                }
            }
            case 2 -> records.sampledEthernet(s, p, end, scratch);
            case 3 -> records.sampledIpv4(s, p, end, scratch);
            case 4 -> records.sampledIpv6(s, p, end, scratch);
            case 1001 -> records.extendedSwitch(s, p, end, scratch);
            case 1002 -> records.extendedRouter(s, p, end, scratch);
            case 1003 -> records.extendedGateway(s, p, end, scratch);
            default -> counters.inc(SflowMetric.FLOW_RECORDS_SKIPPED);
        }
    }
}
