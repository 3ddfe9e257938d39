package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Sample;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.sflow.SflowMetric;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counter samples (format 2) and expanded counter samples (format 4), each counter of the generic
 * interface (1) and Ethernet (2) records one {@link Sample} with labels {@code exporter} (agent
 * address), {@code sub_agent} and {@code if_index}; other records are skipped by their length.
 * <pre>
 * format 2: sequence | source id (type 8, index 24) | records...             8 bytes + records
 * format 4: sequence | source id type | source id index | records...         12 bytes + records
 * </pre>
 * The generic record carries its own ifIndex, used as the label; the Ethernet record does not, so its
 * label is the sample's source id index (an ifIndex for interface sources). Values are as sent,
 * cumulative; a value of all ones is the agents' "not available" and gives no point.
 *
 * <p>Allocates the points it delivers (a label map per record); nothing sized from the wire.
 */
public final class CounterSamples implements Records.Handler {
    static final int COMPACT_LEN = 8, EXPANDED_LEN = 12;
    static final int GENERIC_LEN = 88, ETHERNET_LEN = 52;

    /** Split into {@code if_admin_status} and {@code if_oper_status}. */
    private static final String IF_STATUS = "if_status";
    /** Generic interface counters after ifIndex, in record order, with their widths (4 or 8 bytes). */
    private static final String[] GENERIC_NAMES = {
        "if_type", "if_speed", "if_direction", IF_STATUS, "if_in_octets", "if_in_ucast_pkts",
        "if_in_multicast_pkts", "if_in_broadcast_pkts", "if_in_discards", "if_in_errors", "if_in_unknown_protos",
        "if_out_octets", "if_out_ucast_pkts", "if_out_multicast_pkts", "if_out_broadcast_pkts", "if_out_discards",
        "if_out_errors", "if_promiscuous_mode"};
    private static final int[] GENERIC_WIDTHS = {4, 8, 4, 4, 8, 4, 4, 4, 4, 4, 4, 8, 4, 4, 4, 4, 4, 4};
    private static final String[] ETHERNET_NAMES = {
        "dot3_stats_alignment_errors", "dot3_stats_fcs_errors", "dot3_stats_single_collision_frames",
        "dot3_stats_multiple_collision_frames", "dot3_stats_sqe_test_errors", "dot3_stats_deferred_transmissions",
        "dot3_stats_late_collisions", "dot3_stats_excessive_collisions", "dot3_stats_internal_mac_transmit_errors",
        "dot3_stats_carrier_sense_errors", "dot3_stats_frame_too_longs", "dot3_stats_internal_mac_receive_errors",
        "dot3_stats_symbol_errors"};

    private final StageCounters counters;
    private final SampleSequences sequences;
    // The sample being read, for the record callback.
    private String exporter;
    private IpAddress exporterAddress;
    private long subAgent, sourceIndex, tsNanos;
    private ExportSink sink;

    public CounterSamples(StageCounters counters, SampleSequences sequences) {
        this.counters = counters;
        this.sequences = sequences;
    }

    /** Decodes the sample at {@code [p, end)} (its data, after tag and length). */
    public void read(MemorySegment s, long p, long end, boolean expanded, IpAddress agent, long subAgent,
                     long receivedNanos, ExportSink sink) {
        int fixed = expanded ? EXPANDED_LEN : COMPACT_LEN;
        if (end - p < fixed + 4) {
            counters.inc(SflowMetric.ERROR__SAMPLE_SHORT);
            return;
        }
        counters.inc(SflowMetric.COUNTER_SAMPLES);
        long seq = Xdr.u32(s, p);
        long sourceType;
        if (expanded) {
            sourceType = Xdr.u32(s, p + 4);
            sourceIndex = Xdr.u32(s, p + 8);
        } else {
            long id = Xdr.u32(s, p + 4);
            sourceType = id >>> 24;
            sourceIndex = id & 0xff_ffff;
        }
        sequences.observe(agent.hi(), agent.lo(), subAgent, true, sourceType, sourceIndex, seq, -1);
        if (!agent.equals(exporterAddress)) {
            exporterAddress = agent;
            exporter = agent.toString();
        }
        this.subAgent = subAgent;
        this.tsNanos = receivedNanos;
        this.sink = sink;
        Records.read(s, p + fixed, end, counters, this);
        this.sink = null;
    }

    @Override
    public void record(int enterprise, int format, MemorySegment s, long p, long end) {
        counters.inc(SflowMetric.COUNTER_RECORDS);
        if (enterprise == 0 && format == 1) {
            if (fits(p, end, GENERIC_LEN)) emit(s, p + 4, GENERIC_NAMES, GENERIC_WIDTHS, Xdr.u32(s, p));
        } else if (enterprise == 0 && format == 2) {
            if (fits(p, end, ETHERNET_LEN)) emit(s, p, ETHERNET_NAMES, null, sourceIndex);
        } else {
            counters.inc(SflowMetric.COUNTER_RECORDS_SKIPPED);
        }
    }

    /** One point per counter from {@code p}: widths given, or 4 bytes each when {@code widths} is null. */
    private void emit(MemorySegment s, long p, String[] names, int[] widths, long ifIndex) {
        Map<String, String> labels = new LinkedHashMap<>(4);
        labels.put("exporter", exporter);
        labels.put("sub_agent", Long.toString(subAgent));
        labels.put("if_index", Long.toString(ifIndex));
        long q = p;
        for (int i = 0; i < names.length; i++) {
            int w = widths == null ? 4 : widths[i];
            long v = w == 8 ? Xdr.u64(s, q) : Xdr.u32(s, q);
            q += w;
            if (v == (w == 8 ? -1L : 0xffff_ffffL)) {
                counters.inc(SflowMetric.COUNTER_VALUES_UNKNOWN);
                continue;
            }
            if (names[i] == IF_STATUS) {
                // ifStatus packs two booleans: bit 0 ifAdminStatus, bit 1 ifOperStatus (1 = up).
                point("if_admin_status", labels, v & 1);
                point("if_oper_status", labels, v >>> 1 & 1);
            } else {
                point(names[i], labels, Xdr.unsignedToDouble(v));
            }
        }
    }

    private void point(String name, Map<String, String> labels, double value) {
        sink.sample(new Sample(name, labels, tsNanos, value));
        counters.inc(SflowMetric.COUNTER_POINTS);
    }

    private boolean fits(long p, long end, int len) {
        if (end - p >= len) return true;
        counters.inc(SflowMetric.ERROR__RECORD_SHORT);
        return false;
    }
}
