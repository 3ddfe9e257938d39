package dev.netproof.flow.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.netproof.decode.DecodedPacket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DatagramReassemblerTest {
    /** A UDP datagram from port 53 to 40000 with {@code payload}, as IP payload bytes (header first). */
    static byte[] datagram(byte[] payload) {
        byte[] d = new byte[8 + payload.length];
        d[0] = 0;
        d[1] = 53;
        d[2] = (byte) (40000 >>> 8);
        d[3] = (byte) 40000;
        d[4] = (byte) (d.length >>> 8);
        d[5] = (byte) d.length;
        System.arraycopy(payload, 0, d, 8, payload.length);
        return d;
    }

    /** The fragment of {@code ip} at {@code [from, to)}, decoded as the decoder would describe it. */
    static Object[] fragment(byte[] ip, int from, int to, long ts, long id) {
        DecodedPacket p = new DecodedPacket();
        p.tsNanos = ts;
        p.ipVersion = 4;
        p.srcHi = 0;
        p.srcLo = 0xffff_0a00_0001L;
        p.dstLo = 0xffff_0a00_0002L;
        p.ipProto = 17;
        p.fragment = true;
        p.fragId = id;
        p.fragOffset = from;
        p.moreFragments = to < ip.length;
        byte[] packet = new byte[20 + (to - from)]; // 20 bytes standing for the headers before the IP payload
        System.arraycopy(ip, from, packet, 20, to - from);
        if (from == 0) {
            p.hasPorts = true;
            p.srcPort = 53;
            p.dstPort = 40000;
            p.payloadOffset = 28;
            p.payloadCaptured = to - from - 8;
            p.payloadLen = ip.length - 8;
        } else {
            p.payloadOffset = 20;
            p.payloadCaptured = to - from;
            p.payloadLen = to - from;
        }
        return new Object[] {p, MemorySegment.ofArray(packet)};
    }

    static DatagramReassembler.Datagram offer(DatagramReassembler r, Object[] f, Object tag) {
        return r.offer((DecodedPacket) f[0], (MemorySegment) f[1], 0, tag);
    }

    @Property(tries = 300)
    void fragmentsInAnyOrderGiveTheDatagramBack(@ForAll @IntRange(min = 1, max = 4000) int size,
                                              @ForAll @IntRange(min = 1, max = 200) int pieces8, @ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] payload = new byte[size];
        rnd.nextBytes(payload);
        byte[] ip = datagram(payload);
        List<Object[]> frags = new ArrayList<>();
        int step = Math.max(8, pieces8 * 8); // fragment offsets are multiples of 8
        for (int at = 0; at < ip.length; at += step) frags.add(fragment(ip, at, Math.min(ip.length, at + step), 1000, 7));
        if (rnd.nextBoolean() && frags.size() > 1) frags.add(frags.get(rnd.nextInt(frags.size()))); // a repeated fragment
        Collections.shuffle(frags, rnd);
        DatagramReassembler r = new DatagramReassembler(16, 30_000_000_000L);
        DatagramReassembler.Datagram whole = null;
        for (Object[] f : frags) {
            DatagramReassembler.Datagram d = offer(r, f, "uid");
            if (d != null) {
                assertNull(whole, "completed once");
                whole = d;
            }
        }
        assertNotNull(whole);
        assertEquals(53, whole.srcPort());
        assertEquals(40000, whole.dstPort());
        assertEquals("uid", whole.firstTag());
        assertArrayEquals(payload, whole.payload().toArray(ValueLayout.JAVA_BYTE));
        assertEquals(0, r.pending());
        assertEquals(0, r.dropped());
    }

    @Test
    void aMissingFragmentIsDroppedAtTheTimeoutAndCounted() {
        byte[] ip = datagram(new byte[100]);
        DatagramReassembler r = new DatagramReassembler(16, 30_000_000_000L);
        assertNull(offer(r, fragment(ip, 0, 48, 0, 1), null));
        assertNull(offer(r, fragment(ip, 96, ip.length, 1, 1), null)); // [48, 96) never comes
        assertEquals(1, r.pending());
        r.expire(30_000_000_001L);
        assertEquals(0, r.pending());
        assertEquals(1, r.dropped());
    }

    @Test
    void atMostMaxPendingWaitAndTheOldestGoes() {
        byte[] ip = datagram(new byte[100]);
        DatagramReassembler r = new DatagramReassembler(3, 30_000_000_000L);
        for (int id = 0; id < 10; id++) offer(r, fragment(ip, 0, 48, id, id), null);
        assertEquals(3, r.pending());
        assertEquals(7, r.dropped());
        // the newest still completes
        assertNotNull(offer(r, fragment(ip, 48, ip.length, 11, 9), null));
        r.finish();
        assertEquals(9, r.dropped());
    }

    @Test
    void aFragmentCutByTheSnapLengthGivesTheDatagramUp() {
        byte[] ip = datagram(new byte[100]);
        DatagramReassembler r = new DatagramReassembler(16, 30_000_000_000L);
        Object[] first = fragment(ip, 0, 48, 0, 1);
        ((DecodedPacket) first[0]).truncated = true;
        assertNull(offer(r, first, null));
        assertNull(offer(r, fragment(ip, 48, ip.length, 1, 1), null));
        assertEquals(1, r.dropped());
    }
}
