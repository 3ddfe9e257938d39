package dev.netproof.decode.udp;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.testing.Decode;
import org.junit.jupiter.api.Test;

class UdpTest {

    @Test
    void portsAndPayload() {
        byte[] f = eth(0x0800, v4(17, udp(5353, 53, bytes(1, 2, 3, 4))));
        DecodedPacket d = Decode.eth(f);
        assertEquals(17, d.ipProto);
        assertTrue(d.hasPorts);
        assertEquals(5353, d.srcPort);
        assertEquals(53, d.dstPort);
        assertEquals(4, d.payloadLen);
        assertEquals(14 + 20 + 8, d.payloadOffset);
        assertArrayEquals(bytes(1, 2, 3, 4), Decode.payload(f, d));
    }

    @Test
    void lengthShorterThanTheDatagramBoundsThePayload() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(17, cat(put16(udp(1, 2, bytes(1, 2)), 4, 9), bytes(0, 0, 0)))));
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(1, d.payloadLen);
        assertEquals(1, d.payloadCaptured);
    }

    @Test
    void lengthBeyondTheDatagramKeepsPortsAndUsesTheIpPayload() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(17, put16(udp(1, 2, new byte[4]), 4, 100))));
        assertEquals(DecodeError.UDP_LENGTH, d.error);
        assertTrue(d.hasPorts);
        assertEquals(4, d.payloadLen);
    }

    @Test
    void lengthBelowEight() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(17, put16(udp(1, 2, new byte[4]), 4, 3))));
        assertEquals(DecodeError.UDP_LENGTH, d.error);
        assertEquals(4, d.payloadLen);
    }

    @Test
    void cutHeader() {
        byte[] f = eth(0x0800, v4(17, dns()));
        DecodedPacket ports = Decode.cut(1, f, 14 + 20 + 5);
        assertTrue(ports.truncated);
        assertTrue(ports.hasPorts);
        assertEquals(53, ports.dstPort);
        DecodedPacket payloadCut = Decode.cut(1, f, 14 + 20 + 10);
        assertFalse(payloadCut.truncated, "the headers are whole");
        assertEquals(17, payloadCut.payloadLen);
        assertEquals(2, payloadCut.payloadCaptured);
    }

    @Test
    void overIpv6() {
        DecodedPacket d = Decode.eth(eth(0x86dd, v6(17, dns())));
        assertEquals(53, d.dstPort);
        assertEquals(17, d.payloadLen);
    }
}
