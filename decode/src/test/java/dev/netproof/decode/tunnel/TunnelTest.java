package dev.netproof.decode.tunnel;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.DecoderConfig;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.testing.Decode;
import org.junit.jupiter.api.Test;

class TunnelTest {

    static void assertAddresses(DecodedPacket d, String src, String dst) {
        assertEquals(IpAddress.parse(src), new IpAddress(d.srcHi, d.srcLo));
        assertEquals(IpAddress.parse(dst), new IpAddress(d.dstHi, d.dstLo));
    }

    @Test
    void greToIpv4ReportsTheInnerPacket() {
        DecodedPacket d = Decode.eth(eth(0x0800, ip4(A4, B4, 47).ttl(200).build(
                gre(0x0800, false, null, null, ipv4("10.0.0.1", "10.0.0.2", 6, tcpSyn())))));
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(1, d.tunnelDepth);
        assertEquals(-1, d.tunnelId);
        assertAddresses(d, "10.0.0.1", "10.0.0.2");
        assertEquals(64, d.ttl, "the inner TTL");
        assertTrue(d.isTcp());
        assertEquals(1460, d.mss);
    }

    @Test
    void greOptionalFields() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(47, gre(0x86dd, true, 42L, 7L, v6(17, dns())))));
        assertEquals(6, d.ipVersion);
        assertEquals(42, d.tunnelId);
        assertEquals(53, d.dstPort);
        DecodedPacket seqOnly = Decode.eth(eth(0x0800, v4(47, gre(0x0800, false, null, 9L, v4(17, dns())))));
        assertEquals(1, seqOnly.tunnelDepth);
        assertEquals(53, seqOnly.dstPort);
    }

    @Test
    void greTransparentEthernetBridging() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(47, gre(0x6558, false, 5L, null,
                eth(0x8100, tag(55, 0x0800, ipv4("10.1.0.1", "10.1.0.2", 1, icmp(8, 0, new byte[8]))))))));
        assertEquals(1, d.tunnelDepth);
        assertEquals(55, d.vlan, "the first tag met, inside the tunnel");
        assertEquals(1, d.ipProto);
        assertEquals(8, d.srcPort);
    }

    @Test
    void greOtherPayloadsStayOpaque() {
        DecodedPacket erspan = Decode.eth(eth(0x0800, v4(47, gre(0x88be, false, null, 1L, new byte[30]))));
        assertEquals(DecodeError.NONE, erspan.error);
        assertEquals(0, erspan.tunnelDepth);
        assertEquals(47, erspan.ipProto);
        assertEquals(30, erspan.payloadLen);
        assertEquals(14 + 20 + 8, erspan.payloadOffset);
        byte[] pptp = v4(47, put16(gre(0x880b, false, 1L, null, new byte[10]), 0, 0x2001));
        assertEquals(DecodeError.NONE, Decode.eth(eth(0x0800, pptp)).error);
        byte[] v2 = v4(47, put16(gre(0x0800, false, null, null, v4(17, dns())), 0, 0x0002));
        assertEquals(DecodeError.GRE_HEADER, Decode.eth(eth(0x0800, v2)).error);
        byte[] routing = v4(47, put16(gre(0x0800, false, null, null, v4(17, dns())), 0, 0x4000));
        assertEquals(DecodeError.GRE_HEADER, Decode.eth(eth(0x0800, routing)).error);
    }

    @Test
    void greHeaderCut() {
        byte[] f = eth(0x0800, v4(47, gre(0x0800, true, 42L, 7L, v4(17, dns()))));
        DecodedPacket d = Decode.cut(1, f, 14 + 20 + 10);
        assertTrue(d.truncated);
        assertEquals(0, d.tunnelDepth);
        assertEquals(47, d.ipProto);
        assertEquals(DecodeError.GRE_HEADER, Decode.eth(eth(0x0800, v4(47, bytes(0x20, 0, 8, 0, 0)))).error);
    }

    @Test
    void vxlanReportsTheInnerPacket() {
        byte[] f = eth(0x0800, v4(17, udp(54321, 4789, vxlan(5001,
                eth(0x8100, tag(12, 0x0800, ipv4("172.16.0.1", "172.16.0.2", 6, tcpData(40))))))));
        DecodedPacket d = Decode.eth(f);
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(1, d.tunnelDepth);
        assertEquals(5001, d.tunnelId);
        assertEquals(12, d.vlan);
        assertAddresses(d, "172.16.0.1", "172.16.0.2");
        assertEquals(40000, d.srcPort);
        assertEquals(40, d.payloadLen);
        assertEquals(f.length - 40, d.payloadOffset);
    }

    @Test
    void vxlanWithoutTheIFlag() {
        byte[] f = eth(0x0800, v4(17, udp(54321, 4789, put8(vxlan(1, eth(0x0800, v4(17, dns()))), 0, 0))));
        DecodedPacket d = Decode.eth(f);
        assertEquals(DecodeError.VXLAN_HEADER, d.error);
        assertEquals(4789, d.dstPort, "the outer UDP header stays");
    }

    @Test
    void nonIpInsideATunnelLeavesTheOuterPacket() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(17, udp(54321, 4789, vxlan(9, ethPadded(0x0806, bytes(0, 1, 8, 0)))))));
        assertEquals(DecodeError.NON_IP, d.error);
        assertEquals(0x0806, d.etherType);
        assertEquals(4, d.ipVersion);
        assertEquals(0, d.tunnelDepth);
        assertEquals(-1, d.tunnelId);
        assertEquals(4789, d.dstPort);
        assertAddresses(d, A4, B4);
    }

    @Test
    void truncatedInnerPacketReportsTheInnerHeadersItHas() {
        byte[] f = eth(0x0800, v4(17, udp(54321, 4789, vxlan(5001,
                eth(0x0800, ipv4("172.16.0.1", "172.16.0.2", 6, tcpData(40)))))));
        DecodedPacket d = Decode.cut(1, f, 14 + 20 + 8 + 8 + 14 + 20 + 2);
        assertTrue(d.truncated);
        assertEquals(1, d.tunnelDepth);
        assertAddresses(d, "172.16.0.1", "172.16.0.2");
        assertFalse(d.hasPorts, "the outer UDP ports are not the inner packet's");
        assertEquals(0, d.srcPort);
    }

    @Test
    void ipInIp() {
        DecodedPacket four = Decode.eth(eth(0x0800, v4(4, ipv4("10.9.0.1", "10.9.0.2", 17, dns()))));
        assertEquals(1, four.tunnelDepth);
        assertAddresses(four, "10.9.0.1", "10.9.0.2");
        DecodedPacket six = Decode.eth(eth(0x0800, v4(41, ipv6("fd00::a", "fd00::b", 6, tcpSyn()))));
        assertEquals(6, six.ipVersion);
        assertEquals(1, six.tunnelDepth);
        assertTrue(six.isTcp());
    }

    @Test
    void depthIsBounded() {
        DecodedPacket four = Decode.eth(eth(0x0800, nest(4)));
        assertEquals(DecodeError.NONE, four.error);
        assertEquals(4, four.tunnelDepth);
        assertEquals(53, four.dstPort);
        DecodedPacket five = Decode.eth(eth(0x0800, nest(5)));
        assertEquals(DecodeError.TUNNEL_DEPTH, five.error);
        assertEquals(4, five.tunnelDepth);
        assertEquals(47, five.ipProto);
        assertFalse(five.hasPorts);
    }

    static byte[] nest(int depth) {
        byte[] p = v4(17, dns());
        for (int i = 0; i < depth; i++) p = ipv4("10.0." + i + ".1", "10.0." + i + ".2", 47, gre(0x0800, false, null, null, p));
        return p;
    }

    @Test
    void decapsulationCanBeTurnedOff() {
        var off = DecoderConfig.DEFAULTS.withDecapsulate(false);
        byte[] gre = eth(0x0800, v4(47, gre(0x0800, false, null, null, v4(17, dns()))));
        DecodedPacket g = Decode.run(LinkTypes.ETHERNET, gre, gre.length, gre.length, off);
        assertEquals(0, g.tunnelDepth);
        assertEquals(47, g.ipProto);
        assertEquals(DecodeError.NONE, g.error);
        assertEquals(gre.length - 34, g.payloadLen);
        byte[] vx = eth(0x0800, v4(17, udp(1, 4789, vxlan(3, eth(0x0800, v4(17, dns()))))));
        DecodedPacket v = Decode.run(LinkTypes.ETHERNET, vx, vx.length, vx.length, off);
        assertEquals(0, v.tunnelDepth);
        assertEquals(4789, v.dstPort);
        byte[] ipip = eth(0x0800, v4(4, v4(17, dns())));
        assertEquals(0, Decode.run(LinkTypes.ETHERNET, ipip, ipip.length, ipip.length, off).tunnelDepth);
    }

    @Test
    void vxlanPortIsConfigurable() {
        var cfg = new DecoderConfig(true, 8472, 4, 4, 8, 8);
        byte[] f = eth(0x0800, v4(17, udp(1, 8472, vxlan(3, eth(0x0800, ipv4("10.2.0.1", "10.2.0.2", 17, dns()))))));
        assertEquals(1, Decode.run(LinkTypes.ETHERNET, f, f.length, f.length, cfg).tunnelDepth);
        assertEquals(0, Decode.eth(f).tunnelDepth);
    }
}
