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

class Ipv4Test {

    @Test
    void fixedHeaderFields() {
        DecodedPacket d = Decode.eth(eth(0x0800, ip4(A4, B4, 17).ttl(17).id(0xbeef).build(dns())));
        assertEquals(4, d.ipVersion);
        assertEquals(IpAddress.parse(A4), new IpAddress(d.srcHi, d.srcLo));
        assertEquals(IpAddress.parse(B4), new IpAddress(d.dstHi, d.dstLo));
        assertEquals(17, d.ipProto);
        assertEquals(17, d.ttl);
        assertEquals(20 + dns().length, d.ipLen);
        assertEquals(0xbeef, d.fragId);
        assertFalse(d.fragment);
    }

    @Test
    void optionsAreSkippedAndChecked() {
        DecodedPacket ok = Decode.eth(eth(0x0800, ip4(A4, B4, 6).options(bytes(148, 4, 0, 0)).build(tcpSyn())));
        assertEquals(DecodeError.NONE, ok.error);
        assertTrue(ok.isTcp());
        assertEquals(24 + tcpSyn().length, ok.ipLen);
        DecodedPacket nopEol = Decode.eth(eth(0x0800, ip4(A4, B4, 6).options(bytes(1, 1, 0, 0)).build(tcpSyn())));
        assertEquals(DecodeError.NONE, nopEol.error);
        DecodedPacket bad = Decode.eth(eth(0x0800, ip4(A4, B4, 6).options(bytes(148, 9, 0, 0)).build(tcpSyn())));
        assertEquals(DecodeError.IPV4_OPTIONS, bad.error);
        assertTrue(bad.isTcp(), "a bad option does not stop decoding");
        assertEquals(443, bad.dstPort);
    }

    @Test
    void impossibleLengthsSetNoL3Field() {
        DecodedPacket ihl4 = Decode.eth(eth(0x0800, put8(v4(6, tcpSyn()), 0, 0x44)));
        assertEquals(DecodeError.IPV4_HEADER_LEN, ihl4.error);
        assertEquals(0, ihl4.ipVersion);
        DecodedPacket total12 = Decode.eth(eth(0x0800, put16(v4(6, tcpSyn()), 2, 12)));
        assertEquals(DecodeError.IPV4_TOTAL_LEN, total12.error);
        assertEquals(0, total12.ipVersion);
        DecodedPacket ihlBeyondTotal = Decode.eth(eth(0x0800, put8(v4(17, dns()), 0, 0x4f)));
        assertEquals(DecodeError.IPV4_TOTAL_LEN, ihlBeyondTotal.error, "IHL*4 = 60 > total 45");
    }

    @Test
    void totalLengthBeyondTheFrameIsCountedButDecodingGoesOnInsideTheFrame() {
        DecodedPacket d = Decode.eth(eth(0x0800, put16(v4(17, dns()), 2, 1000)));
        assertEquals(DecodeError.IPV4_TOTAL_LEN, d.error);
        assertFalse(d.truncated);
        assertEquals(1000, d.ipLen);
        assertEquals(53, d.dstPort);
        assertEquals(dns().length - 8, d.payloadLen, "UDP length fits the frame");
    }

    @Test
    void tsoZeroTotalLengthTakesTheFrame() {
        byte[] f = eth(0x0800, ip4(A4, B4, 6).totalLen(0).build(tcpData(3000)));
        DecodedPacket d = Decode.eth(f);
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(f.length - 14, d.ipLen);
        assertEquals(3000, d.payloadLen);
    }

    @Test
    void versionMustBeFour() {
        assertEquals(DecodeError.IPV4_VERSION, Decode.eth(eth(0x0800, put8(v4(6, tcpSyn()), 0, 0x65))).error);
        assertEquals(DecodeError.IPV4_VERSION, Decode.eth(eth(0x0800, v6(6, tcpSyn()))).error);
    }

    @Test
    void firstFragmentCarriesPorts() {
        byte[] udp = cat(put16(udp(5000, 5001, new byte[0]), 4, 8 + 2000), new byte[1472]);
        DecodedPacket d = Decode.eth(eth(0x0800, ip4(A4, B4, 17).id(77).frag(true, 0).build(udp)));
        assertTrue(d.fragment);
        assertTrue(d.moreFragments);
        assertEquals(0, d.fragOffset);
        assertEquals(77, d.fragId);
        assertTrue(d.hasPorts);
        assertEquals(5001, d.dstPort);
        assertEquals(2000, d.payloadLen, "UDP length covers the whole datagram");
        assertEquals(1472, d.payloadCaptured, "what this fragment holds");
        assertEquals(DecodeError.NONE, d.error);
    }

    @Test
    void laterFragmentsHaveNoPorts() {
        DecodedPacket mid = Decode.eth(eth(0x0800, ip4(A4, B4, 17).id(77).frag(true, 1480).build(new byte[1480])));
        assertTrue(mid.fragment);
        assertEquals(1480, mid.fragOffset);
        assertFalse(mid.hasPorts);
        assertEquals(17, mid.ipProto);
        assertEquals(DecodeError.FRAGMENT_NO_PORTS, mid.error);
        assertEquals(1480, mid.payloadLen);
        assertEquals(14 + 20, mid.payloadOffset);
        DecodedPacket last = Decode.eth(eth(0x0800, ip4(A4, B4, 17).id(77).frag(false, 2960).build(new byte[48])));
        assertTrue(last.fragment);
        assertFalse(last.moreFragments);
        assertEquals(DecodeError.FRAGMENT_NO_PORTS, last.error);
    }

    @Test
    void authenticationHeaderIsSkipped() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(51, ah(6, tcpData(20)))));
        assertEquals(6, d.ipProto);
        assertTrue(d.isTcp());
        assertEquals(20, d.payloadLen);
    }

    @Test
    void unknownProtocolIsAnOpaquePayload() {
        DecodedPacket esp = Decode.eth(eth(0x0800, v4(50, new byte[40])));
        assertEquals(DecodeError.NONE, esp.error);
        assertEquals(50, esp.ipProto);
        assertFalse(esp.hasPorts);
        assertEquals(40, esp.payloadLen);
        assertEquals(34, esp.payloadOffset);
    }

    @Test
    void cutHeaderIsTruncatedWithoutL3() {
        byte[] f = eth(0x0800, v4(6, tcpSyn()));
        DecodedPacket d = Decode.cut(1, f, 14 + 19);
        assertTrue(d.truncated);
        assertEquals(DecodeError.NONE, d.error);
        assertEquals(0, d.ipVersion);
        DecodedPacket shortFrame = Decode.eth(Arrays.copyOf(f, 14 + 19));
        assertEquals(DecodeError.IPV4_HEADER_LEN, shortFrame.error);
    }

    @Test
    void cutInsideOptionsIsTruncatedWithL3() {
        byte[] f = eth(0x0800, ip4(A4, B4, 6).options(bytes(148, 4, 0, 0)).build(tcpSyn()));
        DecodedPacket d = Decode.cut(1, f, 14 + 22);
        assertTrue(d.truncated);
        assertEquals(4, d.ipVersion);
        assertFalse(d.hasPorts);
    }
}
