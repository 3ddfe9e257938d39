package dev.netproof.flow;

import static dev.netproof.flow.Packets.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.decode.DecodedPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    static final String C = "10.0.0.1", S = "192.0.2.80";

    final List<Flow> out = new ArrayList<>();
    FlowTable table = new FlowTable(FlowTableConfig.defaults(), "test", out::add, QualitySink.DISCARD);

    void feed(DecodedPacket... ps) {
        for (DecodedPacket p : ps) table.accept(p);
    }

    Flow only() {
        table.finish();
        assertEquals(1, out.size(), () -> "flows: " + out);
        return out.get(0);
    }

    @Test
    void completeConnectionIsSfWithZeekHistoryAndSequenceSizes() {
        feed(tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0),
             tcp(100, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0),
             tcp(200, C, 40000, S, 80, ACK, 1001, 5001, 0),
             tcp(300, C, 40000, S, 80, ACK | PSH, 1001, 5001, 100),
             tcp(400, S, 80, C, 40000, ACK | PSH, 5001, 1101, 300),
             tcp(500, C, 40000, S, 80, ACK, 1101, 5301, 0),
             tcp(600, C, 40000, S, 80, FIN | ACK, 1101, 5301, 0),
             tcp(700, S, 80, C, 40000, FIN | ACK, 5301, 1102, 0),
             tcp(800, C, 40000, S, 80, ACK, 1102, 5302, 0));
        Flow f = only();
        assertEquals("SF", f.connState());
        assertEquals("ShADdFf", f.history());
        assertEquals(100, f.origBytes());
        assertEquals(300, f.respBytes());
        assertEquals(6, f.origPkts());
        assertEquals(3, f.respPkts());
        assertEquals(C, f.origH().toString());
        assertEquals(80, f.respP());
        // duration stops at the last packet before both sides closed (Zeek): the final ACK is not in it
        assertEquals(700_000, f.durationNanos());
        assertEquals(CloseReason.FIN, f.closeReason());
        assertEquals(f.tsNanos(), dev.netproof.core.model.FlowUid.tsNanos(f.uid()), f.uid());
        assertTrue(dev.netproof.flow.id.CommunityId.of(f).startsWith("1:"));
    }

    @Test
    void unansweredSynIsS0() {
        feed(tcp(0, C, 40000, S, 80, SYN, 1, 0, 0), tcp(3_000_000, C, 40000, S, 80, SYN, 1, 0, 0));
        Flow f = only();
        assertEquals("S0", f.connState());
        assertEquals("S", f.history());
        assertEquals(2, f.origPkts());
        assertEquals(0, f.respPkts());
    }

    @Test
    void synAnsweredByRstIsRej() {
        feed(tcp(0, C, 40000, S, 81, SYN, 1, 0, 0), tcp(10, S, 81, C, 40000, RST | ACK, 0, 2, 0));
        Flow f = only();
        assertEquals("REJ", f.connState());
        assertEquals("Sr", f.history());
        assertEquals(CloseReason.RST, f.closeReason());
    }

    @Test
    void synThenRstFromOriginatorIsRstos0() {
        feed(tcp(0, C, 40000, S, 80, SYN, 1, 0, 0), tcp(10, C, 40000, S, 80, RST, 2, 0, 0));
        Flow f = only();
        assertEquals("RSTOS0", f.connState());
        assertEquals("SR", f.history());
    }

    @Test
    void loneRstIsOth() {
        feed(tcp(0, C, 40000, S, 80, RST, 2, 0, 0));
        Flow f = only();
        assertEquals("OTH", f.connState());
        assertEquals("R", f.history());
    }

    @Test
    void connectionFirstSeenBySynAckIsTurnedRound() {
        feed(tcp(0, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0));
        Flow f = only();
        assertEquals(C, f.origH().toString(), "the SYN-ACK's receiver is the originator");
        assertEquals(40000, f.origP());
        assertEquals("^h", f.history());
        assertEquals("OTH", f.connState());
        assertEquals(0, f.origPkts());
        assertEquals(1, f.respPkts());
    }

    @Test
    void retransmittedDataAddsTAndZeroWindowAddsW() {
        DecodedPacket zero = tcp(250, S, 80, C, 40000, ACK, 5001, 1001, 0);
        zero.window = 0;
        feed(tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0),
             tcp(100, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0),
             tcp(200, C, 40000, S, 80, ACK, 1001, 5001, 0),
             zero,
             tcp(300, C, 40000, S, 80, ACK, 1001, 5001, 100),
             tcp(400, C, 40000, S, 80, ACK, 1001, 5001, 100));
        Flow f = only();
        assertEquals("ShAawDT", f.history());
        assertEquals(100, f.origBytes());
        assertEquals("S1", f.connState());
    }

    @Test
    void retransmissionLetterRepeatsLogarithmically() {
        feed(tcp(0, C, 40000, S, 80, SYN, 1000, 0, 0),
             tcp(100, S, 80, C, 40000, SYN | ACK, 5000, 1001, 0),
             tcp(200, C, 40000, S, 80, ACK, 1001, 5001, 10));
        for (int i = 0; i < 10; i++) feed(tcp(300 + i, C, 40000, S, 80, ACK, 1001, 5001, 10));
        assertEquals("ShDTT", only().history().replace("A", ""));
    }

    @Test
    void ackOfUnseenDataIsAContentGapOnce() {
        // Zeek's miss-end-data trace: the server's 2902 bytes are never captured, its FIN is, then the client ACKs all
        feed(tcp(0, C, 40000, S, 80, SYN, 100, 0, 0),
             tcp(1, S, 80, C, 40000, SYN | ACK, 500, 101, 0),
             tcp(2, C, 40000, S, 80, ACK, 101, 501, 0),
             tcp(3, C, 40000, S, 80, ACK | PSH, 101, 501, 538),
             tcp(4, S, 80, C, 40000, ACK, 501, 639, 0),
             tcp(5, S, 80, C, 40000, FIN | ACK, 3403, 639, 0),
             tcp(6, C, 40000, S, 80, ACK, 639, 3404, 0),
             tcp(7, C, 40000, S, 80, FIN | ACK, 639, 3404, 0),
             tcp(8, S, 80, C, 40000, ACK, 3404, 640, 0));
        Flow f = only();
        assertEquals("ShADafgF", f.history());
        assertEquals("SF", f.connState());
        assertEquals(2902, f.respBytes());
    }

    @Test
    void sequenceWrapAroundStillCountsBytes() {
        long isn = 0xffff_ff00L;
        feed(tcp(0, C, 1, S, 2, SYN, isn, 0, 0),
             tcp(1, S, 2, C, 1, SYN | ACK, 7, isn + 1, 0),
             tcp(2, C, 1, S, 2, ACK, isn + 1, 8, 1000),
             tcp(3, S, 2, C, 1, ACK, 8, isn + 1001, 0));
        assertEquals(1000, only().origBytes());
    }

    @Test
    void udpRequestResponseIsSfAndOneWayIsS0() {
        feed(udp(0, C, 5353, S, 53, 38), udp(435, S, 53, C, 5353, 89), udp(10, "10.0.0.9", 5353, "224.0.0.251", 5353, 73));
        table.finish();
        assertEquals(2, out.size());
        Flow dns = out.stream().filter(f -> f.respP() == 53).findFirst().orElseThrow();
        assertEquals("SF", dns.connState());
        assertEquals("Dd", dns.history());
        assertEquals(38, dns.origBytes());
        assertEquals(89, dns.respBytes());
        assertEquals(66, dns.origIpBytes());
        assertEquals(435_000, dns.durationNanos());
        Flow mdns = out.stream().filter(f -> f.respP() == 5353).findFirst().orElseThrow();
        assertEquals("S0", mdns.connState());
        assertEquals("D", mdns.history());
    }

    @Test
    void icmpEchoRequestAndReplyAreOneFlow() {
        feed(icmp(0, C, S, 8, 0, 56), icmp(10, S, C, 0, 0, 56));
        Flow f = only();
        assertEquals(1, f.origPkts());
        assertEquals(1, f.respPkts());
        assertEquals("icmp", f.proto().zeekName());
        assertEquals(8, f.origP());
        assertEquals("OTH", f.connState());
    }

    @Test
    void vlansSeparateOtherwiseEqualFlows() {
        DecodedPacket a = udp(0, C, 1000, S, 53, 10), b = udp(1, C, 1000, S, 53, 10);
        a.vlan = 6;
        b.vlan = 7;
        feed(a, b);
        table.finish();
        assertEquals(2, out.size());
        assertEquals(List.of(6, 7), out.stream().map(Flow::vlan).sorted().toList());
    }

    @Test
    void laterFragmentsJoinTheFlowOfTheFirst() {
        DecodedPacket first = udp(0, C, 123, S, 137, 1400);
        first.fragment = true;
        first.moreFragments = true;
        first.fragId = 77;
        first.ipLen = 1500;
        DecodedPacket second = ip(1, C, S, 17, 400);
        second.fragment = true;
        second.fragOffset = 1480;
        second.fragId = 77;
        DecodedPacket orphan = ip(2, C, S, 17, 300);
        orphan.fragment = true;
        orphan.fragOffset = 1480;
        orphan.fragId = 99;
        feed(first, second, orphan);
        table.finish();
        Flow f = out.stream().filter(x -> x.respP() == 137).findFirst().orElseThrow();
        assertEquals(2, f.origPkts());
        assertEquals(1900, f.origIpBytes());
        assertEquals(1400, f.origBytes());
        assertEquals(1, table.counters().total(FlowCounter.FRAGMENTS_ATTRIBUTED));
        assertEquals(1, table.counters().total(FlowCounter.FRAGMENTS_UNATTRIBUTED));
        assertEquals(2, out.size(), "the orphan goes to a port-less flow, not lost");
    }

    @Test
    void idleFlowsExpireOnCaptureTime() {
        table = new FlowTable(FlowTableConfig.defaults().withTimeouts(Duration.ofSeconds(300), Duration.ofSeconds(60),
                Duration.ZERO), "test", out::add, QualitySink.DISCARD);
        feed(udp(0, C, 1000, S, 53, 10));
        feed(udp(59_000_000, "10.9.9.9", 1, S, 53, 10));
        assertEquals(0, out.size());
        feed(udp(61_000_000, "10.9.9.8", 1, S, 53, 10));
        assertEquals(1, out.size());
        assertEquals(CloseReason.IDLE, out.get(0).closeReason());
        assertEquals(1, table.counters().total(FlowCounter.IDLE));
    }

    @Test
    void activeTimeoutSplitsALongFlowIntoRows() {
        table = new FlowTable(FlowTableConfig.defaults().withTimeouts(Duration.ofSeconds(300), Duration.ofSeconds(60),
                Duration.ofSeconds(10)), "test", out::add, QualitySink.DISCARD);
        for (int i = 0; i < 25; i++) feed(udp(i * 1_000_000L, C, 1000, S, 53, 10));
        table.finish();
        assertEquals(3, out.size());
        assertEquals(25, out.stream().mapToLong(Flow::origPkts).sum());
        assertEquals(CloseReason.ACTIVE, out.get(0).closeReason());
    }

    @Test
    void fullTableEvictsAndCountsButLosesNoPacket() {
        table = new FlowTable(FlowTableConfig.defaults().withMaxFlows(16), "test", out::add, QualitySink.DISCARD);
        for (int i = 0; i < 100; i++) feed(udp(i, C, 1000 + i, S, 53, 10));
        assertEquals(16, table.liveFlows());
        table.finish();
        assertEquals(100, out.size());
        assertEquals(84, table.counters().total(FlowCounter.EVICTED));
        assertEquals(84, out.stream().filter(f -> f.closeReason() == CloseReason.EVICTED).count());
        assertEquals(100, out.stream().mapToLong(Flow::origPkts).sum());
    }

    @Test
    void packetsWithoutIpAreCountedNotKeyed() {
        DecodedPacket arp = new DecodedPacket();
        arp.tsNanos = 1;
        feed(arp);
        table.finish();
        assertEquals(0, out.size());
        assertEquals(1, table.counters().total(FlowCounter.PACKETS_UNKEYED));
    }

    @Test
    void ipv6FlowsKeepTheirAddresses() {
        feed(udp(0, "fe80::1", 546, "ff02::1:2", 547, 100));
        Flow f = only();
        assertEquals("fe80::1", f.origH().toString());
        assertEquals("ff02::1:2", f.respH().toString());
    }
}
