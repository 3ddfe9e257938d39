package dev.netproof.decode.icmp;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.testing.Decode;
import org.junit.jupiter.api.Test;

class IcmpTest {

    @Test
    void typeAndCodeAreThePorts() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(1, icmp(3, 13, new byte[28]))));
        assertEquals(1, d.ipProto);
        assertTrue(d.hasPorts);
        assertEquals(3, d.srcPort);
        assertEquals(13, d.dstPort);
        assertEquals(28, d.payloadLen);
        assertEquals(14 + 20 + 8, d.payloadOffset);
        assertFalse(d.isTcp());
    }

    @Test
    void errorQuotingAnIpHeaderIsNotDecodedFurther() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(1, icmp(3, 3, v4(17, dns())))));
        assertEquals(1, d.ipProto);
        assertEquals(3, d.srcPort);
        assertEquals(0, d.tunnelDepth);
        assertEquals(DecodeError.NONE, d.error);
    }

    @Test
    void icmpv6() {
        DecodedPacket d = Decode.eth(eth(0x86dd, v6(58, icmp(128, 0, new byte[16]))));
        assertEquals(58, d.ipProto);
        assertEquals(128, d.srcPort);
        assertEquals(0, d.dstPort);
        assertEquals(16, d.payloadLen);
    }

    @Test
    void shorterThanItsHeader() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(1, bytes(8, 0, 0, 0))));
        assertEquals(DecodeError.ICMP_SHORT, d.error);
        assertTrue(d.hasPorts, "type and code were there");
        assertEquals(8, d.srcPort);
        DecodedPacket one = Decode.eth(eth(0x0800, v4(1, bytes(8))));
        assertEquals(DecodeError.ICMP_SHORT, one.error);
        assertFalse(one.hasPorts);
    }

    @Test
    void cutHeader() {
        DecodedPacket d = Decode.cut(1, eth(0x0800, v4(1, icmp(8, 0, new byte[32]))), 14 + 20 + 4);
        assertTrue(d.truncated);
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(8, d.srcPort);
    }
}
