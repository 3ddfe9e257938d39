package dev.netproof.decode.ip;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.testing.Decode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv6Test {

    @Test
    void fixedHeaderFields() {
        DecodedPacket d = Decode.eth(eth(0x86dd, ipv6(A6, B6, 17, 7, dns())));
        assertEquals(6, d.ipVersion);
        assertEquals(IpAddress.parse(A6), new IpAddress(d.srcHi, d.srcLo));
        assertEquals(IpAddress.parse(B6), new IpAddress(d.dstHi, d.dstLo));
        assertEquals(7, d.ttl);
        assertEquals(40 + dns().length, d.ipLen);
        assertEquals(53, d.dstPort);
        assertEquals(0, d.fragId);
    }

    @Test
    void extensionChainToTransport() {
        DecodedPacket d = Decode.eth(eth(0x86dd, v6(0, ext6(60, 0, ext6(43, 1, routing6(6, tcpData(10)))))));
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(6, d.ipProto);
        assertTrue(d.isTcp());
        assertEquals(10, d.payloadLen);
        assertEquals(14 + 40 + 8 + 16 + 24 + 32, d.payloadOffset);
    }

    @Test
    void authenticationHeader() {
        DecodedPacket d = Decode.eth(eth(0x86dd, v6(51, ah(6, tcpData(20)))));
        assertTrue(d.isTcp());
        assertEquals(20, d.payloadLen);
    }

    @Test
    void fragmentHeader() {
        byte[] first = eth(0x86dd, v6(44, frag6(17, 0, true, 0xabcdef01L,
                cat(put16(udp(5000, 5001, new byte[0]), 4, 8 + 3000), new byte[1440]))));
        DecodedPacket d = Decode.eth(first);
        assertTrue(d.fragment);
        assertTrue(d.moreFragments);
        assertEquals(0xabcdef01L, d.fragId);
        assertEquals(5001, d.dstPort);
        assertEquals(3000, d.payloadLen);
        assertEquals(1440, d.payloadCaptured);

        DecodedPacket later = Decode.eth(eth(0x86dd, v6(44, frag6(17, 1448, false, 0xabcdef01L, new byte[64]))));
        assertTrue(later.fragment);
        assertEquals(1448, later.fragOffset);
        assertEquals(17, later.ipProto);
        assertFalse(later.hasPorts);
        assertEquals(DecodeError.FRAGMENT_NO_PORTS, later.error);
        assertEquals(64, later.payloadLen);
    }

    @Test
    void atomicFragmentIsNotAFragmentButKeepsItsId() {
        DecodedPacket d = Decode.eth(eth(0x86dd, v6(44, frag6(6, 0, false, 99, tcpData(5)))));
        assertFalse(d.fragment);
        assertEquals(99, d.fragId);
        assertTrue(d.isTcp());
        assertEquals(5, d.payloadLen);
    }

    @Test
    void noNextHeader() {
        DecodedPacket d = Decode.eth(eth(0x86dd, v6(59, new byte[0])));
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(59, d.ipProto);
        assertEquals(0, d.payloadLen);
        assertEquals(40, d.ipLen);
    }

    @Test
    void extensionPastTheDatagram() {
        DecodedPacket d = Decode.eth(eth(0x86dd, v6(60, put8(ext6(6, 0, new byte[0]), 1, 9))));
        assertEquals(DecodeError.IPV6_EXT_HEADER, d.error);
        assertEquals(6, d.ipVersion);
        assertFalse(d.hasPorts);
    }

    @Test
    void extensionChainIsBounded() {
        byte[] p = tcpData(1);
        int nh = 6;
        for (int i = 0; i < 9; i++) {
            p = ext6(nh, 0, p);
            nh = 60;
        }
        assertEquals(DecodeError.IPV6_EXT_DEPTH, Decode.eth(eth(0x86dd, v6(60, p))).error);
    }

    @Test
    void payloadLengthBeyondTheFrame() {
        DecodedPacket d = Decode.eth(eth(0x86dd, put16(v6(17, dns()), 4, 900)));
        assertEquals(DecodeError.IPV6_PAYLOAD_LEN, d.error);
        assertEquals(940, d.ipLen);
        assertEquals(53, d.dstPort);
    }

    @Test
    void zeroPayloadLengthTakesTheFrame() {
        byte[] f = eth(0x86dd, put16(v6(6, tcpData(100)), 4, 0));
        DecodedPacket d = Decode.eth(f);
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(f.length - 14, d.ipLen);
        assertEquals(100, d.payloadLen);
    }

    @Test
    void cutInsideTheChainIsTruncated() {
        byte[] f = eth(0x86dd, v6(0, ext6(60, 0, ext6(6, 1, tcpData(10)))));
        DecodedPacket d = Decode.cut(1, f, 14 + 40 + 9);
        assertTrue(d.truncated);
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(6, d.ipVersion);
        assertEquals(60, d.ipProto, "as far as the chain was read");
        DecodedPacket fixed = Decode.cut(1, f, 14 + 39);
        assertTrue(fixed.truncated);
        assertEquals(0, fixed.ipVersion);
        assertEquals(DecodeError.IPV6_SHORT, Decode.eth(Arrays.copyOf(f, 14 + 39)).error);
    }

    @Test
    void versionMustBeSix() {
        assertEquals(DecodeError.IPV6_VERSION, Decode.eth(eth(0x86dd, v4(6, tcpSyn()))).error);
    }
}
