package dev.netproof.decode;

import static dev.netproof.decode.testing.Frames.*;
import static dev.netproof.decode.testing.Synthetic.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.netproof.decode.testing.Decode;
import dev.netproof.decode.testing.Synthetic;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {

    @Test
    void copiesTheRecordFields() {
        byte[] f = eth(0x0800, v4(6, tcpSyn()));
        var out = new DecodedPacket();
        new PacketDecoder().decode(MemorySegment.ofArray(f), 0, f.length, 1500, 123_456_789L, 1, out);
        assertEquals(123_456_789L, out.tsNanos);
        assertEquals(f.length, out.capLen);
        assertEquals(1500, out.wireLen);
    }

    @Test
    void resetsEveryFieldBetweenPackets() {
        var decoder = new PacketDecoder();
        var out = new DecodedPacket();
        byte[] rich = eth(0x8100, tag(9, 0x0800, v4(47, gre(0x0800, false, 3L, null,
                ipv4("10.0.0.1", "10.0.0.2", 6, tcpSyn())))));
        decoder.decode(MemorySegment.ofArray(rich), 0, rich.length, rich.length, 1, 1, out);
        assertEquals(1, out.tunnelDepth);
        byte[] arp = ethPadded(0x0806, new byte[28]);
        decoder.decode(MemorySegment.ofArray(arp), 0, arp.length, arp.length, 2, 1, out);
        var fresh = new DecodedPacket();
        fresh.tsNanos = 2;
        fresh.capLen = fresh.wireLen = arp.length;
        fresh.etherType = 0x0806;
        fresh.error = DecodeError.NON_IP;
        for (var field : DecodedPacket.class.getFields()) {
            try {
                assertEquals(field.get(fresh), field.get(out), field.getName());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void badBoundsAreCountedNotThrown() {
        var out = new DecodedPacket();
        var d = new PacketDecoder();
        MemorySegment seg = MemorySegment.ofArray(new byte[100]);
        d.decode(seg, -1, 10, 10, 0, 1, out);
        assertEquals(DecodeError.BAD_BOUNDS, out.error);
        d.decode(seg, 95, 10, 10, 0, 1, out);
        assertEquals(DecodeError.BAD_BOUNDS, out.error);
        d.decode(seg, 0, -5, 10, 0, 1, out);
        assertEquals(DecodeError.BAD_BOUNDS, out.error);
        d.decode(seg, Long.MAX_VALUE, 10, 10, 0, 1, out);
        assertEquals(DecodeError.BAD_BOUNDS, out.error);
        d.decode(seg, 100, 0, 0, 0, 1, out);
        assertEquals(DecodeError.ETHERNET_SHORT, out.error, "an empty packet at the very end is in bounds");
    }

    @Test
    void wireLengthBelowCaptureLengthIsTakenAsTheCapture() {
        byte[] f = eth(0x0800, v4(6, tcpSyn()));
        var out = Decode.run(1, f, f.length, 10, DecoderConfig.DEFAULTS);
        assertEquals(DecodeError.NONE, out.error);
        assertFalse(out.truncated);
    }

    @Test
    void payloadOffsetIsRelativeToThePacket() {
        byte[] f = eth(0x0800, v4(17, udp(1, 2, bytes(0x5a, 0x5b))));
        byte[] buf = new byte[1000 + f.length];
        System.arraycopy(f, 0, buf, 1000, f.length);
        var out = new DecodedPacket();
        new PacketDecoder().decode(MemorySegment.ofArray(buf), 1000, f.length, f.length, 0, 1, out);
        assertEquals(42, out.payloadOffset);
        assertEquals(0x5a, buf[1000 + out.payloadOffset]);
    }

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new DecoderConfig(true, 4789, 0, 4, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new DecoderConfig(true, 70000, 4, 4, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new DecoderConfig(true, 4789, 4, 17, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new DecoderConfig(true, 4789, 4, 4, 65, 8));
        assertThrows(IllegalArgumentException.class, () -> new DecoderConfig(true, 4789, 4, 4, 8, 0));
        assertTrue(DecoderConfig.DEFAULTS.decapsulate());
        assertEquals(4789, DecoderConfig.DEFAULTS.vxlanPort());
    }

    @Test
    void everySyntheticFrameAndEveryCutOfItKeepsTheInvariants() {
        for (Synthetic s : Synthetic.all()) {
            byte[] f = s.frame();
            for (int cap = 0; cap <= f.length; cap++) {
                Decode.cut(s.linkType(), f, cap);                                           // snaplen cut
                Decode.run(s.linkType(), java.util.Arrays.copyOf(f, cap), cap, cap, DecoderConfig.DEFAULTS); // short frame
            }
        }
    }

    @Test
    void aCutPacketAgreesWithTheWholeOneOnEveryFieldItHas() {
        for (Synthetic s : Synthetic.all()) {
            byte[] f = s.frame();
            DecodedPacket whole = Decode.run(s.linkType(), f);
            for (int cap = 0; cap < f.length; cap++) {
                DecodedPacket cut = Decode.cut(s.linkType(), f, cap);
                String at = s.name() + " cut at " + cap;
                if (cut.vlan >= 0) assertEquals(whole.vlan, cut.vlan, at);
                if (cut.innerVlan >= 0) assertEquals(whole.innerVlan, cut.innerVlan, at);
                if (cut.ipVersion != 0 && cut.tunnelDepth == whole.tunnelDepth) {
                    assertEquals(whole.ipVersion, cut.ipVersion, at);
                    assertEquals(whole.srcLo, cut.srcLo, at);
                    assertEquals(whole.dstHi, cut.dstHi, at);
                    assertEquals(whole.ipLen, cut.ipLen, at);
                }
                if (cut.hasPorts && cut.tunnelDepth == whole.tunnelDepth) {
                    assertEquals(whole.srcPort, cut.srcPort, at);
                    assertEquals(whole.dstPort, cut.dstPort, at);
                }
                if (cut.truncated) assertTrue(cut.tunnelDepth <= whole.tunnelDepth, at);
                if (cut.mss >= 0) assertEquals(whole.mss, cut.mss, at);
            }
        }
    }
}
