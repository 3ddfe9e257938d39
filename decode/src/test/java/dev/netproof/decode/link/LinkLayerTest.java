package dev.netproof.decode.link;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.testing.Decode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkLayerTest {

    static void assertTcpV4(DecodedPacket d) {
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(4, d.ipVersion);
        assertTrue(d.isTcp());
        assertEquals(40000, d.srcPort);
        assertEquals(443, d.dstPort);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nullLoopbackAcceptsBothByteOrders(boolean bigEndian) {
        assertTcpV4(Decode.run(LinkTypes.NULL, loopback(2, bigEndian, v4(6, tcpSyn()))));
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 30})
    void everyBsdSpellingOfAfInet6(int af) {
        for (boolean be : new boolean[] {false, true}) {
            for (int link : new int[] {LinkTypes.NULL, LinkTypes.LOOP}) {
                DecodedPacket d = Decode.run(link, loopback(af, be, v6(17, dns())));
                assertEquals(6, d.ipVersion, "af " + af + " be " + be + " link " + link);
                assertEquals(53, d.dstPort);
            }
        }
    }

    @Test
    void openBsdLoopIsBigEndian() {
        assertTcpV4(Decode.run(LinkTypes.LOOP, loopback(2, true, v4(6, tcpSyn()))));
    }

    @Test
    void unknownAddressFamilyIsNonIp() {
        DecodedPacket d = Decode.run(LinkTypes.NULL, loopback(7, false, new byte[20]));
        assertEquals(DecodeError.NON_IP, d.error);
        assertEquals(0, d.ipVersion);
    }

    @Test
    void linuxCookedV1() {
        DecodedPacket d = Decode.run(LinkTypes.LINUX_SLL, sll(0x0800, v4(6, tcpSyn())));
        assertTcpV4(d);
        assertEquals(0x0800, d.etherType);
        assertEquals(16 + 20 + tcpSyn().length, d.payloadOffset, "payload starts after SLL, IP and TCP headers");
        assertEquals(0, d.payloadLen);
    }

    @Test
    void linuxCookedV1WithVlanAndNonIp() {
        assertEquals(44, Decode.run(LinkTypes.LINUX_SLL, sll(0x8100, tag(44, 0x0800, v4(17, dns())))).vlan);
        DecodedPacket arp = Decode.run(LinkTypes.LINUX_SLL, sll(0x0806, bytes(0, 1, 8, 0, 6, 4, 0, 1)));
        assertEquals(DecodeError.NON_IP, arp.error);
        assertEquals(0x0806, arp.etherType);
        DecodedPacket llc = Decode.run(LinkTypes.LINUX_SLL, sll(0x0004, bytes(0x42, 0x42, 3, 0)));
        assertEquals(DecodeError.NON_IP, llc.error);
    }

    @Test
    void linuxCookedV2() {
        DecodedPacket d = Decode.run(LinkTypes.LINUX_SLL2, sll2(0x86dd, v6(58, icmp(135, 0, new byte[16]))));
        assertEquals(6, d.ipVersion);
        assertEquals(58, d.ipProto);
        assertEquals(135, d.srcPort);
    }

    @Test
    void rawIpTakesTheVersionFromTheFirstNibble() {
        assertEquals(4, Decode.run(LinkTypes.RAW, v4(17, dns())).ipVersion);
        assertEquals(6, Decode.run(LinkTypes.RAW, v6(6, tcpSyn())).ipVersion);
        assertEquals(DecodeError.IP_VERSION, Decode.run(LinkTypes.RAW, put8(v4(17, dns()), 0, 0x55)).error);
        assertEquals(4, Decode.run(LinkTypes.IPV4, v4(17, dns())).ipVersion);
        assertEquals(6, Decode.run(LinkTypes.IPV6, v6(17, dns())).ipVersion);
        assertEquals(DecodeError.IPV4_VERSION, Decode.run(LinkTypes.IPV4, v6(17, dns())).error);
        assertEquals(DecodeError.IPV6_VERSION, Decode.run(LinkTypes.IPV6, v4(17, dns())).error);
    }

    @Test
    void unknownLinkTypeIsCounted() {
        DecodedPacket d = Decode.run(147, eth(0x0800, v4(6, tcpSyn())));
        assertEquals(DecodeError.UNSUPPORTED_LINKTYPE, d.error);
        assertFalse(LinkTypes.isSupported(147));
        assertTrue(LinkTypes.isSupported(LinkTypes.LINUX_SLL2));
    }

    @Test
    void shortLinkHeaderIsTruncatedWhenSnaplenCutItAndMalformedOtherwise() {
        byte[] f = sll(0x0800, v4(6, tcpSyn()));
        DecodedPacket cut = Decode.cut(LinkTypes.LINUX_SLL, f, 10);
        assertTrue(cut.truncated);
        assertEquals(DecodeError.NONE, cut.error);
        DecodedPacket shortFrame = Decode.run(LinkTypes.LINUX_SLL, java.util.Arrays.copyOf(f, 10));
        assertFalse(shortFrame.truncated);
        assertEquals(DecodeError.LINK_SHORT, shortFrame.error);
        assertEquals(DecodeError.LINK_SHORT, Decode.run(LinkTypes.NULL, bytes(2, 0)).error);
        assertEquals(DecodeError.LINK_SHORT, Decode.run(LinkTypes.RAW, new byte[0]).error);
    }
}
