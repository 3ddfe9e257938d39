package dev.netproof.decode.tcp;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.testing.Decode;
import org.junit.jupiter.api.Test;

class TcpTest {

    static byte[] frame(byte[] tcp) {
        return eth(0x0800, v4(6, tcp));
    }

    @Test
    void fixedFields() {
        byte[] seg = tcp(1234, 80).seq(0xffff_fff0L).ack(0x8000_0001L).flags(TCP_ACK | TCP_PSH | TCP_FIN).window(0xabcd)
                .build(bytes(1, 2, 3));
        byte[] f = frame(seg);
        DecodedPacket d = Decode.eth(f);
        assertTrue(d.isTcp());
        assertEquals(1234, d.srcPort);
        assertEquals(80, d.dstPort);
        assertEquals(0xffff_fff0L, d.seq);
        assertEquals(0x8000_0001L, d.ack);
        assertEquals(0x19, d.tcpFlags);
        assertEquals(0xabcd, d.window);
        assertEquals(3, d.payloadLen);
        assertEquals(3, d.payloadCaptured);
        assertEquals(14 + 20 + 20, d.payloadOffset);
        assertArrayEquals(bytes(1, 2, 3), Decode.payload(f, d));
        assertEquals(-1, d.mss);
        assertEquals(-1, d.windowScale);
    }

    @Test
    void everyKnownOption() {
        DecodedPacket d = Decode.eth(frame(tcpSyn()));
        assertEquals(1460, d.mss);
        assertEquals(7, d.windowScale);
        assertTrue(d.sackPermitted);
        assertTrue(d.hasTimestamps);
        assertEquals(123456789L, d.tsVal);
        assertEquals(0, d.tsEcr);
        assertEquals(DecodeError.NONE, d.error);
    }

    @Test
    void sackBlocksAreCounted() {
        DecodedPacket d = Decode.eth(frame(tcp(1, 2).flags(TCP_ACK).options(cat(optNop(), optNop(),
                optSack(10, 20, 30, 40, 50, 60))).build()));
        assertEquals(3, d.sackBlocks);
        assertEquals(DecodeError.NONE, d.error);
    }

    @Test
    void unknownOptionsAreSkippedByLength() {
        DecodedPacket d = Decode.eth(frame(tcp(1, 2).options(cat(bytes(30, 6, 0, 0, 0, 0), optMss(536))).build()));
        assertEquals(536, d.mss);
        assertEquals(DecodeError.NONE, d.error);
    }

    @Test
    void malformedOptionsKeepTheHeader() {
        byte[][] bad = {
                bytes(2, 0, 0, 0),                          // length 0
                bytes(2, 1, 0, 0),                          // length 1
                cat(optMss(1400), bytes(8, 10, 0, 0)),      // runs past the header
                bytes(2, 3, 5, 0),                          // MSS of length 3
                bytes(1, 1, 5, 2),                          // empty SACK
                bytes(1, 1, 1, 8),                          // kind without room for its length byte
        };
        for (byte[] opts : bad) {
            DecodedPacket d = Decode.eth(frame(tcp(1, 2).flags(TCP_SYN).options(opts).build(bytes(9))));
            assertEquals(DecodeError.TCP_OPTIONS, d.error, java.util.HexFormat.of().formatHex(opts));
            assertTrue(d.isTcp());
            assertEquals(TCP_SYN, d.tcpFlags);
            assertEquals(1, d.payloadLen);
            assertFalse(d.truncated);
        }
    }

    @Test
    void optionsAfterEolAreIgnored() {
        DecodedPacket d = Decode.eth(frame(tcp(1, 2).options(cat(bytes(0), bytes(2, 0, 0))).build()));
        assertEquals(DecodeError.NONE, d.error);
    }

    @Test
    void snaplen54KeepsTheFixedHeaderAndMarksTheOptionsCut() {
        byte[] f = frame(tcpData(1000));
        DecodedPacket d = Decode.cut(1, f, 54);
        assertTrue(d.truncated);
        assertEquals(DecodeError.NONE, d.error);
        assertTrue(d.isTcp());
        assertEquals(TCP_ACK | TCP_PSH, d.tcpFlags);
        assertEquals(1001, d.seq);
        assertEquals(2002, d.ack);
        assertEquals(1000, d.payloadLen, "from the IP length, not the capture");
        assertEquals(0, d.payloadCaptured);
        assertFalse(d.hasTimestamps);
    }

    @Test
    void cutInsideTimestampsKeepsEarlierOptions() {
        byte[] f = frame(tcpSyn());
        DecodedPacket d = Decode.cut(1, f, 14 + 20 + 20 + 8);
        assertTrue(d.truncated);
        assertEquals(1460, d.mss);
        assertTrue(d.sackPermitted);
        assertFalse(d.hasTimestamps);
        assertEquals(-1, d.windowScale);
    }

    @Test
    void cutInsideTheFixedHeaderKeepsWholeFields() {
        byte[] f = frame(tcpSyn());
        DecodedPacket ports = Decode.cut(1, f, 14 + 20 + 6);
        assertTrue(ports.truncated);
        assertTrue(ports.hasPorts);
        assertEquals(443, ports.dstPort);
        assertEquals(0, ports.seq);
        DecodedPacket flags = Decode.cut(1, f, 14 + 20 + 14);
        assertEquals(TCP_SYN, flags.tcpFlags);
        assertEquals(0xfedcba98L, flags.seq);
        DecodedPacket none = Decode.cut(1, f, 14 + 20 + 3);
        assertTrue(none.truncated);
        assertFalse(none.hasPorts);
        assertEquals(6, none.ipProto);
    }

    @Test
    void dataOffsetBelowFive() {
        DecodedPacket d = Decode.eth(frame(tcp(1, 2).dataOffset(4).build()));
        assertEquals(DecodeError.TCP_HEADER_LEN, d.error);
        assertTrue(d.hasPorts);
        assertEquals(0, d.payloadLen);
    }

    @Test
    void dataOffsetBeyondTheDatagram() {
        DecodedPacket d = Decode.eth(frame(tcp(1, 2).dataOffset(15).build()));
        assertEquals(DecodeError.TCP_HEADER_LEN, d.error);
        assertFalse(d.truncated);
        DecodedPacket cut = Decode.cut(1, frame(tcp(1, 2).dataOffset(15).build(new byte[40])), 14 + 20 + 30);
        assertTrue(cut.truncated, "the datagram has room for 60 header bytes: the snaplen cut them");
        assertEquals(DecodeError.NONE, cut.error);
    }

    @Test
    void shortDatagramIsMalformed() {
        DecodedPacket d = Decode.eth(eth(0x0800, v4(6, bytes(0, 1, 0, 2, 0, 0, 0, 9))));
        assertEquals(DecodeError.TCP_HEADER_LEN, d.error);
        assertTrue(d.hasPorts);
        assertEquals(9, d.seq);
    }
}
