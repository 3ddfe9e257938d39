package dev.netproof.source.flow.sflow;

import static dev.netproof.source.flow.sflow.SflowBuilder.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Sample;
import dev.netproof.source.flow.ExportDatagrams.Collected;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.testkit.Frames;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.Tshark;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted datagrams: each record type, expanded formats, IPv6 agents, tags and tunnels in sampled headers. */
class SflowDecoderTest {
    static final long T = 1_700_000_000_123_456_789L;

    final SflowDecoder decoder = new SflowDecoder("test", QualitySink.DISCARD);

    Collected decode(byte[] datagram) {
        Collected c = new Collected();
        decoder.decode(MemorySegment.ofArray(datagram), 0, datagram.length, IpAddress.parse("10.9.9.9"), 40000, T, c);
        return c;
    }

    long count(SflowMetric m) {
        return decoder.counters().total(m);
    }

    static byte[] tcpFrame() {
        return Frames.ethernet().ipv4("192.0.2.1", "198.51.100.2").tcp(443, 51000).flags(Frames.SYN | Frames.ACK)
                .payload(new byte[20]).build();
    }

    @Test
    void headerAndCompactFlowSampleWithRawEthernetHeader() {
        byte[] frame = tcpFrame();
        frame[15] = (byte) 0xb8; // IPv4 ToS: DSCP EF
        Collected c = decode(datagram("192.0.2.200", 7, 42, 123_456)
                .flowSample(9, 0, 3, 512, 5000, 0, 3, 4, rawHeader(1, frame.length + 4, 4, frame)).build());
        ExportHeader h = c.headers.getFirst();
        assertEquals(new ExportHeader(ExportFormat.SFLOW_V5, IpAddress.parse("192.0.2.200"), 7, T, 0, 42,
                ExportHeader.SequenceUnit.DATAGRAMS, 1, 123_456), h);
        ExportedFlow f = c.flows.getFirst();
        assertEquals(IpAddress.parse("192.0.2.1"), f.srcAddr());
        assertEquals(IpAddress.parse("198.51.100.2"), f.dstAddr());
        assertEquals(443, f.srcPort());
        assertEquals(51000, f.dstPort());
        assertEquals(6, f.ipProto());
        assertEquals(0x12, f.tcpFlags());
        assertEquals(0xb8, f.tos());
        assertEquals(frame.length + 4, f.bytes());
        assertEquals(1, f.packets());
        assertEquals(512, f.samplingRate());
        assertEquals(3, f.inIf());
        assertEquals(4, f.outIf());
        assertEquals(-1, f.vlan());
        assertEquals(-1, f.direction());
        assertEquals(T, f.startNanos());
        assertEquals(T, f.endNanos());
        assertEquals(7, f.domain());
        assertEquals(1, count(SflowMetric.FLOWS));
    }

    @Test
    void ipv6AgentAndExpandedFlowSample() {
        byte[] frame = Frames.ethernet().ipv6("2001:db8::1", "2001:db8::2").udp(53, 5353).payload(new byte[8]).build();
        Collected c = decode(datagram("2001:db8:ff::7", 0, 1, 1)
                .expandedFlowSample(1, 0, 70000, 2000, 1, 0, 0, 100_000, 0, 200_000, rawHeader(1, 90, 4, frame))
                .build());
        assertEquals(IpAddress.parse("2001:db8:ff::7"), c.headers.getFirst().exporter());
        ExportedFlow f = c.flows.getFirst();
        assertEquals(IpAddress.parse("2001:db8:ff::7"), f.exporter());
        assertEquals(100_000, f.inIf());
        assertEquals(200_000, f.outIf());
        assertEquals(2000, f.samplingRate());
        assertEquals(IpAddress.parse("2001:db8::1"), f.srcAddr());
        assertEquals(17, f.ipProto());
        assertEquals(5353, f.dstPort());
    }

    @Test
    void outputInterfaceFormatBits() {
        byte[] frame = tcpFrame();
        Collected c = decode(datagram("192.0.2.200", 0, 1, 1)
                .flowSample(1, 0, 3, 1, 1, 0, 3, 1L << 30 | 258, rawHeader(1, 80, 4, frame)) // discarded, reason 258
                .flowSample(2, 0, 3, 1, 2, 0, 3, 2L << 30 | 5, rawHeader(1, 80, 4, frame))   // 5 outputs
                .flowSample(3, 0, 3, 1, 3, 0, 3, 0x3fff_ffff, rawHeader(1, 80, 4, frame))    // the agent itself
                .expandedFlowSample(4, 0, 3, 1, 4, 0, 1, 9, 1, 7, rawHeader(1, 80, 4, frame))
                .build());
        assertEquals(List.of(-1L, -1L, 0x3fff_ffffL, -1L), c.flows.stream().map(ExportedFlow::outIf).toList());
        assertEquals(List.of(3L, 3L, 3L, -1L), c.flows.stream().map(ExportedFlow::inIf).toList());
        assertEquals(2, count(SflowMetric.OUTPUT_DISCARDED));
        assertEquals(1, count(SflowMetric.OUTPUT_MULTIPLE));
    }

    @Test
    void rawIpv4AndIpv6HeaderProtocolsAndIcmp() {
        byte[] v4 = Frames.rawIp().ipv4("10.0.0.1", "10.0.0.2").ipProto(1).payload(new byte[] {3, 1, 0, 0, 0, 0, 0, 0}).build();
        byte[] v6 = Frames.rawIp().ipv6("2001:db8::a", "2001:db8::b").ipProto(58).payload(new byte[] {(byte) 128, 0, 0, 0, 0, 1, 0, 1}).build();
        Collected c = decode(datagram("192.0.2.200", 0, 1, 1)
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, rawHeader(11, v4.length + 18, 18, v4))
                .flowSample(2, 0, 1, 10, 2, 0, 1, 2, rawHeader(12, v6.length + 18, 18, v6))
                .build());
        ExportedFlow a = c.flows.get(0), b = c.flows.get(1);
        assertEquals(IpAddress.parse("10.0.0.2"), a.dstAddr());
        assertEquals(0, a.srcPort());
        assertEquals(3 * 256 + 1, a.dstPort()); // ICMP type 3 code 1, NetFlow's convention
        assertEquals(58, b.ipProto());
        assertEquals(128 * 256, b.dstPort());
        assertEquals(v4.length + 18, a.bytes());
    }

    @Test
    void qinqAndMplsInTheSampledHeader() {
        byte[] qinq = Frames.ethernet().vlan(100).vlan(200).ipv4("192.0.2.1", "192.0.2.2").udp(1, 2).build();
        byte[] ip = Frames.rawIp().ipv4("192.0.2.5", "192.0.2.6").tcp(80, 8080).build();
        ip[1] = 0x20;
        byte[] labels = words(16 << 12 | 0x40, 17_000L << 12 | 0x100 | 0x40);
        byte[] payload = new byte[labels.length + ip.length];
        System.arraycopy(labels, 0, payload, 0, labels.length);
        System.arraycopy(ip, 0, payload, labels.length, ip.length);
        byte[] mpls = Frames.ethernet().etherType(0x8847).payload(payload).build();
        Collected c = decode(datagram("192.0.2.200", 0, 1, 1)
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, rawHeader(1, qinq.length + 4, 4, qinq))
                .flowSample(2, 0, 1, 10, 2, 0, 1, 2, rawHeader(1, mpls.length + 4, 4, mpls))
                .build());
        ExportedFlow q = c.flows.get(0), m = c.flows.get(1);
        assertEquals(100, q.vlan());
        assertEquals(List.of(new ExportedFlow.ExtraField(0, 245, "00c8")), q.extra());
        assertEquals(List.of(16, 17_000), m.mplsLabels());
        assertEquals(IpAddress.parse("192.0.2.6"), m.dstAddr());
        assertEquals(8080, m.dstPort());
        assertEquals(0x20, m.tos());
    }

    @Test
    void vxlanInTheSampledHeaderGivesTheInnerPacket() {
        byte[] inner = Frames.ethernet().ipv4("172.16.0.1", "172.16.0.2").tcp(22, 40000).build();
        byte[] vxlan = new byte[8 + inner.length];
        vxlan[0] = 0x08;
        vxlan[6] = 0x01; // VNI 256
        System.arraycopy(inner, 0, vxlan, 8, inner.length);
        byte[] outer = Frames.ethernet().ipv4("10.1.1.1", "10.2.2.2").udp(50000, 4789).payload(vxlan).build();
        ExportedFlow f = decode(datagram("192.0.2.200", 0, 1, 1)
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, rawHeader(1, outer.length + 4, 4, outer)).build()).flows.getFirst();
        assertEquals(IpAddress.parse("172.16.0.1"), f.srcAddr());
        assertEquals(22, f.srcPort());
        assertEquals(6, f.ipProto());
        assertEquals(0, f.tos()); // tunnelled: the outer ToS is not the inner packet's
    }

    @Test
    void sampledRecordsAndExtendedRecords() {
        Collected c = decode(datagram("192.0.2.200", 0, 1, 1)
                .flowSample(1, 0, 1, 100, 1, 0, 1, 2,
                        sampledEthernet(1514, 0x0800),
                        sampledIpv4(1500, 6, "203.0.113.1", "203.0.113.2", 1234, 80, 0x18, 0x10),
                        extendedSwitch(10, 20),
                        extendedRouter("192.0.2.254", 24, 16),
                        extendedGateway("192.0.2.253", 65000, 64500, 64501, 64501, 3356, 15169))
                .flowSample(2, 0, 1, 100, 2, 0, 1, 2,
                        sampledIpv6(1000, 17, "2001:db8::1", "2001:db8::2", 5000, 53, 0, 0),
                        extendedGateway("2001:db8::fe", 65000, 64500, 64501))
                .build());
        ExportedFlow a = c.flows.get(0), b = c.flows.get(1);
        assertEquals(1514, a.bytes()); // the first record giving a length
        assertEquals(IpAddress.parse("203.0.113.1"), a.srcAddr());
        assertEquals(1234, a.srcPort());
        assertEquals(0x18, a.tcpFlags());
        assertEquals(0x10, a.tos());
        assertEquals(10, a.vlan());
        assertEquals(List.of(new ExportedFlow.ExtraField(0, 59, "0014")), a.extra());
        assertEquals(IpAddress.parse("192.0.2.254"), a.nextHop()); // router's next hop over the gateway's
        assertEquals(24, a.srcMask());
        assertEquals(16, a.dstMask());
        assertEquals(64500, a.srcAs());
        assertEquals(15169, a.dstAs());
        assertEquals(IpAddress.parse("2001:db8::2"), b.dstAddr());
        assertEquals(53, b.dstPort());
        assertEquals(IpAddress.parse("2001:db8::fe"), b.nextHop());
        assertEquals(65000, b.dstAs()); // empty AS path: the router's own AS
    }

    @Test
    void unknownRecordsAndSamplesAreSkippedByLength() {
        byte[] frame = tcpFrame();
        Collected c = decode(datagram("192.0.2.200", 0, 1, 1)
                .rawSample(5, new byte[12])                 // discarded-packet sample: not mapped
                .rawSample(4242 << 12 | 1, new byte[7])     // enterprise sample
                .flowSample(1, 0, 1, 10, 1, 0, 1, 2, record(1010, new byte[13]), record(7 << 12 | 1, new byte[4]),
                        rawHeader(1, 80, 4, frame))
                .counterSample(1, 0, 5, record(1005, new byte[40]))
                .build());
        assertEquals(1, c.flows.size());
        assertEquals(443, c.flows.getFirst().srcPort());
        assertEquals(2, count(SflowMetric.SAMPLES_SKIPPED));
        assertEquals(2, count(SflowMetric.FLOW_RECORDS_SKIPPED));
        assertEquals(1, count(SflowMetric.COUNTER_RECORDS_SKIPPED));
        assertTrue(c.samples.isEmpty());
        assertEquals(0, errors());
    }

    long errors() {
        long n = 0;
        for (SflowMetric m : SflowMetric.values()) if (m.name().startsWith("ERROR__")) n += count(m);
        return n;
    }

    static byte[] countersDatagram(boolean expanded) {
        byte[] generic = genericCounters(5, 6, 10_000_000_000L, 1, 3, 123_456_789_012L,
                new long[] {1000, 20, 30, 4, 5, 6}, 987_654_321L, new long[] {2000, 21, 31, 7, 8, 0xffff_ffffL});
        byte[] ether = ethernetCounters(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        SflowBuilder b = datagram("192.0.2.200", 3, 1, 1);
        return (expanded ? b.expandedCounterSample(11, 0, 5, generic, ether) : b.counterSample(11, 0, 5, generic, ether))
                .build();
    }

    @Test
    void counterSamplesBecomeMetricPoints() {
        for (boolean expanded : new boolean[] {false, true}) {
            Collected c = decode(countersDatagram(expanded));
            Map<String, Double> v = new HashMap<>();
            for (Sample s : c.samples) {
                v.put(s.name(), s.value());
                assertEquals(Map.of("exporter", "192.0.2.200", "sub_agent", "3", "if_index", "5"), s.labels());
                assertEquals(T, s.tsNanos());
            }
            assertEquals(123_456_789_012d, v.get("if_in_octets"));
            assertEquals(987_654_321d, v.get("if_out_octets"));
            assertEquals(1e10, v.get("if_speed"));
            assertEquals(1d, v.get("if_admin_status"));
            assertEquals(1d, v.get("if_oper_status"));
            assertEquals(5d, v.get("if_in_errors"));
            assertEquals(8d, v.get("if_out_errors"));
            assertFalse(v.containsKey("if_promiscuous_mode")); // all ones: not available
            assertEquals(2d, v.get("dot3_stats_fcs_errors"));
            assertEquals(13d, v.get("dot3_stats_symbol_errors"));
            assertEquals(19 - 1 + 13, c.samples.size()); // 18 generic counters (status split in two), one unknown
        }
        assertEquals(2, count(SflowMetric.COUNTER_VALUES_UNKNOWN));
        assertEquals(2, count(SflowMetric.COUNTER_SAMPLES));
    }

    /** Our counter values against tshark's decode of the same datagram, written to a capture. */
    @Tag("tshark")
    @Test
    void counterSamplesAgreeWithTshark(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.available());
        byte[] datagram = countersDatagram(false);
        Path pcap = dir.resolve("counters.pcap");
        try (PcapWriter w = PcapWriter.toFile(pcap, PcapWriter.Header.ethernet())) {
            w.packet(T, Frames.ethernet().ipv4("192.0.2.200", "192.0.2.1").udp(40000, 6343).payload(datagram).build());
        }
        String[] fields = {"sflow_245.ifinoct", "sflow_245.ifinpkt", "sflow_245.ifinmcast", "sflow_245.ifinbcast",
            "sflow_245.ifindisc", "sflow_245.ifinerr", "sflow_245.ifinunk", "sflow_245.ifoutoct", "sflow_245.ifoutpkt",
            "sflow_245.ifoutmcast", "sflow_245.ifoutbcast", "sflow_245.ifoutdisc", "sflow_245.ifouterr",
            "sflow_245.ifspeed", "sflow_245.iftype", "sflow_245.ifdirection", "sflow_245.dot3StatsFCSErrors",
            "sflow_245.dot3StatsSymbolErrors", "sflow_245.ifpromisc"};
        String[] ours = {"if_in_octets", "if_in_ucast_pkts", "if_in_multicast_pkts", "if_in_broadcast_pkts",
            "if_in_discards", "if_in_errors", "if_in_unknown_protos", "if_out_octets", "if_out_ucast_pkts",
            "if_out_multicast_pkts", "if_out_broadcast_pkts", "if_out_discards", "if_out_errors", "if_speed", "if_type",
            "if_direction", "dot3_stats_fcs_errors", "dot3_stats_symbol_errors", "if_promiscuous_mode"};
        List<String> row = Tshark.fields(pcap, fields).getFirst();
        Map<String, Double> v = new HashMap<>();
        for (Sample s : decode(datagram).samples) v.put(s.name(), s.value());
        for (int i = 0; i < fields.length; i++) {
            if (ours[i].equals("if_promiscuous_mode")) {
                // Difference by definition: tshark prints the all-ones "not available" value; we give no point.
                assertEquals("4294967295", row.get(i));
                assertNull(v.get(ours[i]));
                continue;
            }
            assertEquals(Double.parseDouble(row.get(i)), v.get(ours[i]), fields[i]);
        }
    }

    @Test
    void looksLikeRecognisesSflowOnly() {
        byte[] d = countersDatagram(false);
        assertTrue(SflowDecoder.looksLike(MemorySegment.ofArray(d), 0, d.length));
        assertFalse(SflowDecoder.looksLike(MemorySegment.ofArray(d), 0, 27));
        byte[] v6 = datagram("2001:db8::1", 0, 1, 1).build();
        assertTrue(SflowDecoder.looksLike(MemorySegment.ofArray(v6), 0, v6.length));
        byte[] absurd = datagram("192.0.2.1", 0, 1, 1).build(1L << 31);
        assertFalse(SflowDecoder.looksLike(MemorySegment.ofArray(absurd), 0, absurd.length));
        byte[] netflow = words(9L << 16 | 1, 0, 0, 0, 0, 0, 0);
        assertFalse(SflowDecoder.looksLike(MemorySegment.ofArray(netflow), 0, netflow.length));
        d[7] = 3;
        assertFalse(SflowDecoder.looksLike(MemorySegment.ofArray(d), 0, d.length));
        assertFalse(SflowDecoder.looksLike(MemorySegment.ofArray(d), 4, d.length));
    }
}
