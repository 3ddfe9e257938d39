package dev.netproof.source.flow.sflow;

import static dev.netproof.source.flow.sflow.SflowBuilder.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDatagrams.Collected;
import dev.netproof.testkit.Frames;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Each bound on a wire length, broken on purpose: a named counter moves, what is sound is kept.
 * Offsets in a datagram from an IPv4 agent: header 0-27, first sample tag 28, length 32, data 36; in a
 * compact flow sample the record count is at 64, the first record's tag at 68, length 72, data 76.
 */
class SflowBoundsTest {
    final SflowDecoder decoder = new SflowDecoder("test", QualitySink.DISCARD);
    final Collected c = new Collected();

    void decode(byte[] d) {
        decoder.decode(MemorySegment.ofArray(d), 0, d.length, IpAddress.parse("10.0.0.1"), 6343, 1_000_000_000L, c);
    }

    long count(SflowMetric m) {
        return decoder.counters().total(m);
    }

    static void put32(byte[] d, int at, long v) {
        ByteBuffer.wrap(d).putInt(at, (int) v);
    }

    static byte[] header() {
        return Frames.ethernet().ipv4("192.0.2.1", "192.0.2.2").udp(1000, 2000).build();
    }

    static byte[] twoFlowSamples() {
        return datagram("192.0.2.9", 0, 1, 1)
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, rawHeader(1, 64, 4, header()), extendedSwitch(5, 6))
                .flowSample(2, 0, 1, 10, 2, 0, 1, 2, rawHeader(1, 64, 4, header()))
                .build();
    }

    @Test
    void datagramShorterThanItsHeader() {
        byte[] d = twoFlowSamples();
        decoder.decode(MemorySegment.ofArray(d), 0, 27, IpAddress.parse("10.0.0.1"), 6343, 0, c);
        decoder.decode(MemorySegment.ofArray(d), 0, 5, IpAddress.parse("10.0.0.1"), 6343, 0, c);
        assertEquals(2, count(SflowMetric.ERROR__TRUNCATED_DATAGRAM));
        assertTrue(c.headers.isEmpty());
    }

    @Test
    void argumentsOutsideTheBytes() {
        byte[] d = twoFlowSamples();
        decoder.decode(MemorySegment.ofArray(d), 4, d.length, IpAddress.parse("10.0.0.1"), 6343, 0, c);
        decoder.decode(MemorySegment.ofArray(d), -1, 10, IpAddress.parse("10.0.0.1"), 6343, 0, c);
        assertEquals(2, count(SflowMetric.ERROR__BAD_BOUNDS));
    }

    @Test
    void wrongVersionAndAddressType() {
        byte[] d = twoFlowSamples();
        put32(d, 0, 4);
        decode(d);
        d = twoFlowSamples();
        put32(d, 4, 0);
        decode(d);
        assertEquals(1, count(SflowMetric.ERROR__NOT_SFLOW_V5));
        assertEquals(1, count(SflowMetric.ERROR__BAD_AGENT_ADDRESS_TYPE));
        assertTrue(c.headers.isEmpty());
    }

    @Test
    void absurdSampleCountIsCutToWhatFits() {
        byte[] d = twoFlowSamples();
        put32(d, 24, 1L << 31);
        decode(d);
        assertEquals(1, count(SflowMetric.ERROR__SAMPLE_COUNT));
        assertTrue(c.headers.getFirst().records() < 100);
        assertEquals(2, c.flows.size()); // both samples are sound and kept
    }

    @Test
    void sampleCountAboveTheSamplesPresent() {
        byte[] d = twoFlowSamples();
        put32(d, 24, 3);
        decode(d);
        assertEquals(1, count(SflowMetric.ERROR__SAMPLES_MISSING) + count(SflowMetric.ERROR__SAMPLE_COUNT));
        assertEquals(2, c.flows.size());
    }

    @Test
    void sampleLengthBeyondTheDatagramSkipsTheRest() {
        byte[] d = twoFlowSamples();
        int second = 36 + (int) ByteBuffer.wrap(d).getInt(32);
        put32(d, second + 4, 10_000);
        decode(d);
        assertEquals(1, count(SflowMetric.ERROR__SAMPLE_LENGTH));
        assertEquals(1, c.flows.size()); // the first sample, before the broken one
    }

    @Test
    void sampleShorterThanItsFixedFields() {
        decode(datagram("192.0.2.9", 0, 1, 1).rawSample(1, new byte[20]).rawSample(2, new byte[4]).build());
        assertEquals(2, count(SflowMetric.ERROR__SAMPLE_SHORT));
        assertTrue(c.flows.isEmpty());
    }

    @Test
    void recordLengthBeyondTheSample() {
        byte[] d = twoFlowSamples();
        put32(d, 72, 5000);
        decode(d);
        assertEquals(1, count(SflowMetric.ERROR__RECORD_LENGTH));
        assertEquals(2, c.flows.size()); // the sample's own fields are sound: its flow is kept, without addresses
        assertEquals(null, c.flows.get(0).srcAddr());
        assertEquals(IpAddress.parse("192.0.2.1"), c.flows.get(1).srcAddr());
    }

    @Test
    void absurdRecordCount() {
        byte[] d = twoFlowSamples();
        put32(d, 64, 0xffff_ffffL);
        decode(d);
        assertEquals(1, count(SflowMetric.ERROR__RECORD_COUNT));
        assertEquals(IpAddress.parse("192.0.2.1"), c.flows.getFirst().srcAddr());
    }

    @Test
    void headerLengthBeyondTheRecord() {
        byte[] d = twoFlowSamples();
        put32(d, 88, 4000);
        decode(d);
        assertEquals(1, count(SflowMetric.ERROR__HEADER_LENGTH));
        assertEquals(null, c.flows.get(0).srcAddr());
        assertEquals(5, c.flows.get(0).vlan()); // the next record still read
    }

    @Test
    void recordsShorterThanTheirFixedFields() {
        decode(datagram("192.0.2.9", 0, 1, 1)
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, record(1001, new byte[8]), record(3, new byte[12]),
                        record(1, new byte[8]), record(1002, words(1, 0)))
                .counterSample(1, 0, 1, record(1, new byte[40]), record(2, new byte[8]))
                .build());
        assertEquals(6, count(SflowMetric.ERROR__RECORD_SHORT));
        assertEquals(1, c.flows.size());
        assertTrue(c.samples.isEmpty());
    }

    @Test
    void asPathBeyondTheRecordAndBadAddressTypes() {
        byte[] gw = extendedGateway("192.0.2.1", 1, 2, 3, 10, 20);
        ByteBuffer.wrap(gw).putInt(8 + 8 + 16 + 4, 1 << 20); // the segment's AS count
        decode(datagram("192.0.2.9", 0, 1, 1)
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, gw, record(1002, words(7, 1, 2, 3)),
                        sampledIpv4(1, 6, "192.0.2.1", "192.0.2.2", 70_000, 80, 0, 0))
                .build());
        assertEquals(1, count(SflowMetric.ERROR__AS_PATH_LENGTH));
        assertEquals(1, count(SflowMetric.ERROR__RECORD_ADDRESS_TYPE));
        assertEquals(1, count(SflowMetric.ERROR__PORT_RANGE));
        assertEquals(0, c.flows.getFirst().dstAs());
        assertEquals(0, c.flows.getFirst().srcPort());
    }

    @Test
    void sampleSequencesAndAgentDrops() {
        byte[] h = header();
        SflowBuilder b = datagram("192.0.2.9", 0, 1, 1);
        long[][] seqDrops = {{10, 5}, {11, 5}, {14, 7}, {14, 7}, {13, 7}, {4_000_000, 2}, {4_000_001, 9}};
        for (long[] s : seqDrops) b.flowSample(s[0], 0, 1, 10, 1, s[1], 1, 2, rawHeader(1, 64, 4, h));
        b.flowSample(1, 0, 2, 10, 1, 0, 1, 2, rawHeader(1, 64, 4, h)); // another source
        b.counterSample(10, 0, 1); // counters of source 1: a sequence of their own
        decode(b.build());
        assertEquals(3, count(SflowMetric.SAMPLE_SOURCES_NEW));
        assertEquals(2, count(SflowMetric.SAMPLE_SEQUENCE_MISSING));    // 12 and 13 missing at 14 ...
        assertEquals(1, count(SflowMetric.SAMPLE_SEQUENCE_DUPLICATE));  // the second 14
        assertEquals(1, count(SflowMetric.SAMPLE_SEQUENCE_REORDERED));  // ... 13 came late
        assertEquals(1, count(SflowMetric.SAMPLE_SEQUENCE_RESET));      // the jump to 4,000,000
        assertEquals(2 + 2 + 7, count(SflowMetric.AGENT_DROPPED_SAMPLES)); // 5->7, restart at 2, 2->9
    }

    @Test
    void sequenceTableFullIsCounted() {
        SflowDecoder small = new SflowDecoder(new SflowConfig(dev.netproof.decode.DecoderConfig.DEFAULTS, 2), "t",
                QualitySink.DISCARD);
        SflowBuilder b = datagram("192.0.2.9", 0, 1, 1);
        for (int i = 0; i < 5; i++) b.counterSample(1, 0, i);
        byte[] d = b.build();
        small.decode(MemorySegment.ofArray(d), 0, d.length, IpAddress.parse("10.0.0.1"), 6343, 0, c);
        assertEquals(2, small.counters().total(SflowMetric.SAMPLE_SOURCES_NEW));
        assertEquals(3, small.counters().total(SflowMetric.SAMPLE_SOURCES_UNTRACKED));
    }
}
