package dev.netproof.decode.ethernet;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.testing.Decode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EthernetTest {

    @Test
    void ethernetIiToIpv4() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(6, tcpSyn())));
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(0x0800, d.etherType);
        assertEquals(-1, d.vlan);
        assertEquals(4, d.ipVersion);
    }

    @Test
    void paddingAfterAShortDatagramIsNotPayload() {
        byte[] f = ethPadded(0x0800, v4(17, udp(1, 2, bytes(7))));
        assertEquals(60, f.length);
        DecodedPacket d = Decode.eth(f);
        assertEquals(1, d.payloadLen);
        assertEquals(1, d.payloadCaptured);
        assertArrayEquals(bytes(7), Decode.payload(f, d));
        assertEquals(29, d.ipLen);
    }

    @Test
    void arpAndLldpAreNonIpWithTheirEtherType() {
        DecodedPacket arp = Decode.eth(ethPadded(0x0806, bytes(0, 1, 8, 0)));
        assertEquals(DecodeError.NON_IP, arp.error);
        assertEquals(0x0806, arp.etherType);
        assertFalse(arp.truncated);
        assertEquals(0x88cc, Decode.eth(ethPadded(0x88cc, bytes(2, 7))).etherType);
    }

    @Test
    void llcSnapCarriesAnEtherType() {
        DecodedPacket d = Decode.eth(llcSnap(0x0800, v4(17, dns())));
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(53, d.dstPort);
    }

    @Test
    void plainLlcIsNonIp() {
        DecodedPacket stp = Decode.eth(cat(MAC_B, MAC_A, bytes(0, 38, 0x42, 0x42, 0x03), new byte[35]));
        assertEquals(DecodeError.NON_IP, stp.error);
    }

    @Test
    void singleTag() {
        DecodedPacket d = Decode.eth(eth(0x8100, tag(100, 0x0800, v4(6, tcpSyn()))));
        assertEquals(100, d.vlan);
        assertEquals(-1, d.innerVlan);
        assertTrue(d.isTcp());
    }

    @Test
    void qinqEveryOuterTpid() {
        for (int tpid : new int[] {0x88a8, 0x9100, 0x9200, 0x8100}) {
            DecodedPacket d = Decode.eth(eth(tpid, tag(200, 0x8100, tag(100, 0x0800, v4(17, dns())))));
            assertEquals(200, d.vlan, "tpid " + Integer.toHexString(tpid));
            assertEquals(100, d.innerVlan);
            assertEquals(53, d.dstPort);
        }
    }

    @Test
    void threeTagsKeepTheFirstTwo() {
        DecodedPacket d = Decode.eth(eth(0x8100, tag(1, 0x8100, tag(2, 0x8100, tag(3, 0x0800, v4(17, dns()))))));
        assertEquals(1, d.vlan);
        assertEquals(2, d.innerVlan);
        assertEquals(DecodeError.NONE, d.error);
    }

    @Test
    void tooManyTagsStop() {
        byte[] inner = v4(17, dns());
        byte[] tags = tag(5, 0x0800, inner);
        for (int i = 0; i < 4; i++) tags = tag(i, 0x8100, tags);
        DecodedPacket d = Decode.eth(eth(0x8100, tags));
        assertEquals(DecodeError.VLAN_DEPTH, d.error);
        assertEquals(0, d.ipVersion);
    }

    @Test
    void vlanIdIsTwelveBits() {
        byte[] f = eth(0x8100, tag(0, 0x0800, v4(17, dns())));
        put16(f, 14, 0xefff);   // PCP 7, DEI 0, id 4095
        assertEquals(4095, Decode.eth(f).vlan);
    }

    @Test
    void mplsStackToIpv4AndIpv6() {
        DecodedPacket d = Decode.eth(eth(0x8847, mpls(1000, false, mpls(2000, true, v4(6, tcpData(30))))));
        assertEquals(2, d.mplsLabels);
        assertEquals(4, d.ipVersion);
        assertEquals(30, d.payloadLen);
        DecodedPacket six = Decode.eth(eth(0x8848, mpls(16, true, v6(17, dns()))));
        assertEquals(1, six.mplsLabels);
        assertEquals(6, six.ipVersion);
    }

    @Test
    void mplsWithoutBottomOfStackIsBounded() {
        byte[] p = v4(17, dns());
        for (int i = 0; i < 9; i++) p = mpls(i, false, p);
        DecodedPacket d = Decode.eth(eth(0x8847, p));
        assertEquals(DecodeError.MPLS_DEPTH, d.error);
        assertEquals(8, d.mplsLabels);
    }

    @Test
    void mplsPayloadThatIsNotIpIsNonIp() {
        DecodedPacket d = Decode.eth(eth(0x8847, mpls(3, true, cat(bytes(0, 0, 0, 0), eth(0x0800, v4(17, dns()))))));
        assertEquals(DecodeError.NON_IP, d.error);
        assertEquals(1, d.mplsLabels);
    }

    @Test
    void vlanThenMpls() {
        DecodedPacket d = Decode.eth(eth(0x8100, tag(7, 0x8847, mpls(99, true, v4(1, icmp(0, 0, new byte[8]))))));
        assertEquals(7, d.vlan);
        assertEquals(1, d.mplsLabels);
        assertEquals(1, d.ipProto);
    }

    @Test
    void pppoeSessions() {
        DecodedPacket v4 = Decode.eth(eth(0x8864, pppoe(0x0021, v4(6, tcpData(12)))));
        assertEquals(4, v4.ipVersion);
        assertEquals(12, v4.payloadLen);
        DecodedPacket v6 = Decode.eth(eth(0x8864, pppoe(0x0057, v6(17, dns()))));
        assertEquals(6, v6.ipVersion);
        assertEquals(DecodeError.NON_IP, Decode.eth(ethPadded(0x8864, pppoe(0xc021, bytes(1, 1, 0, 4)))).error);
        assertEquals(DecodeError.NON_IP, Decode.eth(ethPadded(0x8863, bytes(0x11, 9, 0, 0, 0, 0))).error);
        byte[] badVersion = eth(0x8864, pppoe(0x0021, v4(6, tcpData(12))));
        put8(badVersion, 14, 0x21);
        assertEquals(DecodeError.PPPOE_HEADER, Decode.eth(badVersion).error);
    }

    @Test
    void pppoeLengthBoundsThePppFrame() {
        byte[] f = ethPadded(0x8864, pppoe(0x0021, v4(17, udp(1, 2, new byte[0]))));
        DecodedPacket d = Decode.eth(f);
        assertEquals(0, d.payloadLen);
        assertEquals(0, d.payloadCaptured);
    }

    @Test
    void shortFrameIsTruncatedOrMalformedByWireLength() {
        byte[] f = eth(0x8100, tag(100, 0x0800, v4(6, tcpSyn())));
        DecodedPacket cut = Decode.cut(1, f, 16);
        assertTrue(cut.truncated);
        assertEquals(DecodeError.NONE, cut.error);
        assertEquals(-1, cut.vlan);
        assertEquals(DecodeError.ETHERNET_SHORT, Decode.eth(Arrays.copyOf(f, 16)).error);
        assertEquals(DecodeError.ETHERNET_SHORT, Decode.eth(Arrays.copyOf(f, 10)).error);
        assertEquals(DecodeError.ETHERNET_SHORT, Decode.eth(new byte[0]).error);
    }
}
