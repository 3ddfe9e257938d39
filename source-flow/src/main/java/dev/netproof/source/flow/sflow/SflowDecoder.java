package dev.netproof.source.flow.sflow;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDecoder;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.sflow.internal.CounterSamples;
import dev.netproof.source.flow.sflow.internal.FlowSamples;
import dev.netproof.source.flow.sflow.internal.RawHeader;
import dev.netproof.source.flow.sflow.internal.SampleSequences;
import dev.netproof.source.flow.sflow.internal.Xdr;
import java.lang.foreign.MemorySegment;

/**
 * Decodes sFlow v5 datagrams (sflow.org/sflow_version_5.txt).
 * <pre>
 * +---------+--------------+-------------------+--------------+----------+-----------+-----------+----------+
 * | version | address type | agent address     | sub-agent id | sequence | uptime ms | n samples | samples  |
 * +---------+--------------+-------------------+--------------+----------+-----------+-----------+----------+
 *   4 (= 5)  4 (1 v4, 2 v6)  4 or 16              4              4          4           4           each:
 *   tag (enterprise 20 bits, format 12) | length 4 | data, padded to 4
 * </pre>
 * The {@link ExportHeader} has the agent address as exporter, the sub-agent id as domain, the datagram
 * sequence ({@link ExportHeader.SequenceUnit#DATAGRAMS}), export time 0 (sFlow carries no wall clock;
 * the uptime is in {@code uptimeMillis}) and the samples the datagram states as records (cut to what
 * the datagram can hold). Flow samples (formats 1 and 3) give one
 * {@link dev.netproof.core.model.ExportedFlow} each, an instant at {@code receivedNanos}; counter samples
 * (formats 2 and 4) give {@link dev.netproof.core.model.Sample}s. Other samples are skipped by length.
 *
 * <p>Contract: as {@link ExportDecoder}. Every length read from the wire is checked against the
 * enclosing structure before use; a broken part is counted ({@link SflowMetric}{@code .ERROR__*}) and
 * skipped, the sound parts around it kept. Reads at offsets in {@code data}, no copy; one packet
 * decoder and scratch reused; allocates the rows it delivers and nothing sized from the wire. The
 * datagram source address and port are not used: an sFlow datagram names its agent. Not thread-safe.
 */
public final class SflowDecoder implements ExportDecoder {
    /** The ledger stage of the counters. */
    public static final String STAGE = "sflow";
    static final int VERSION = 5;
    /** A datagram header after the address: sub-agent, sequence, uptime, sample count. */
    static final int HEADER_TAIL_LEN = 16;
    /** The smallest sample: its tag and length. */
    static final int SAMPLE_HEADER_LEN = 8;

    private final StageCounters counters;
    private final FlowSamples flowSamples;
    private final CounterSamples counterSamples;

    public SflowDecoder(String source, QualitySink quality) {
        this(SflowConfig.DEFAULTS, source, quality);
    }

    public SflowDecoder(SflowConfig config, String source, QualitySink quality) {
        this.counters = new StageCounters(source, STAGE, SflowMetric.class, quality);
        SampleSequences sequences = new SampleSequences(config.maxSequenceSources(), counters);
        this.flowSamples = new FlowSamples(counters, sequences, new RawHeader(config.packets(), counters));
        this.counterSamples = new CounterSamples(counters, sequences);
    }

    /** The decoder's counters; the owner {@link StageCounters#flush() flushes} them at the end. */
    public StageCounters counters() {
        return counters;
    }

    @Override
    public void decode(MemorySegment data, long offset, int length, IpAddress source, int sourcePort,
                       long receivedNanos, ExportSink sink) {
        counters.at(Math.floorDiv(receivedNanos, 1_000_000_000L));
        counters.inc(SflowMetric.DATAGRAMS);
        if (offset < 0 || length < 0 || offset > data.byteSize() - length) {
            counters.inc(SflowMetric.ERROR__BAD_BOUNDS);
            return;
        }
        long p = offset;
        long end = offset + length;
        if (length < 8) {
            counters.inc(SflowMetric.ERROR__TRUNCATED_DATAGRAM);
            return;
        }
        if (Xdr.u32(data, p) != VERSION) {
            counters.inc(SflowMetric.ERROR__NOT_SFLOW_V5);
            return;
        }
        int addressType = Xdr.i32(data, p + 4);
        int addressLen = Xdr.addressLength(addressType);
        if (addressLen < 0) {
            counters.inc(SflowMetric.ERROR__BAD_AGENT_ADDRESS_TYPE);
            return;
        }
        p += 8;
        if (end - p < addressLen + HEADER_TAIL_LEN) {
            counters.inc(SflowMetric.ERROR__TRUNCATED_DATAGRAM);
            return;
        }
        IpAddress agent = Xdr.address(data, p, addressType);
        p += addressLen;
        long subAgent = Xdr.u32(data, p);
        long sequence = Xdr.u32(data, p + 4);
        long uptime = Xdr.u32(data, p + 8);
        long count = Xdr.u32(data, p + 12);
        p += HEADER_TAIL_LEN;
        long fit = (end - p) / SAMPLE_HEADER_LEN;
        if (count > fit) {
            counters.inc(SflowMetric.ERROR__SAMPLE_COUNT);
            count = fit;
        }
        sink.header(new ExportHeader(ExportFormat.SFLOW_V5, agent, subAgent, receivedNanos, 0, sequence,
                ExportHeader.SequenceUnit.DATAGRAMS, (int) count, uptime));
        for (long i = 0; i < count; i++) {
            if (end - p < SAMPLE_HEADER_LEN) {
                counters.inc(SflowMetric.ERROR__SAMPLES_MISSING);
                return;
            }
            int tag = Xdr.i32(data, p);
            long len = Xdr.u32(data, p + 4);
            p += SAMPLE_HEADER_LEN;
            if (len > end - p) {
                counters.inc(SflowMetric.ERROR__SAMPLE_LENGTH);
                return;
            }
            counters.inc(SflowMetric.SAMPLES);
            long sampleEnd = p + len;
            int format = tag >>> 12 == 0 ? tag & 0xfff : -1;
            switch (format) {
                case 1, 3 -> flowSamples.read(data, p, sampleEnd, format == 3, agent, subAgent, receivedNanos, sink);
                case 2, 4 -> counterSamples.read(data, p, sampleEnd, format == 4, agent, subAgent, receivedNanos,
                        sink);
                default -> counters.inc(SflowMetric.SAMPLES_SKIPPED);
            }
            p += Math.min(Xdr.padded(len), end - p);
        }
    }

    /**
     * True when the {@code length} bytes at {@code offset} start like an sFlow v5 datagram: version 5,
     * agent address type IPv4 or IPv6, the header fits, and the sample count is one the rest of the
     * bytes could hold. For recognising sFlow in captures on any port; false for bounds outside
     * {@code data}. Reads at most 40 bytes; no allocation.
     */
    public static boolean looksLike(MemorySegment data, long offset, int length) {
        if (offset < 0 || length < 8 || offset > data.byteSize() - length) return false;
        if (Xdr.u32(data, offset) != VERSION) return false;
        int addressLen = Xdr.addressLength(Xdr.i32(data, offset + 4));
        if (addressLen < 0) return false;
        long header = 8L + addressLen + HEADER_TAIL_LEN;
        if (length < header) return false;
        long count = Xdr.u32(data, offset + header - 4);
        return count <= (length - header) / SAMPLE_HEADER_LEN;
    }
}
