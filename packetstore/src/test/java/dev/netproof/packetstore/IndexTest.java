package dev.netproof.packetstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.model.IpAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir Path dir;

    /** Three conversations: 1<->2 port 53, 1<->3 port 80, 4<->5 port 53, interleaved, 100 packets each. */
    private Packets threeConversations() throws IOException {
        Packets p = new Packets(dir, Packets.config(dir).withSegment(64 << 10, 60_000_000_000L));
        try (PacketWriter w = p.store.writer("conv.pcap", p.sink)) {
            for (int i = 0; i < 100; i++) {
                long t = T0 + i * 10_000_000L;
                // the answers go the other way: the flow hash is the same for both directions
                if (i % 2 == 0) Packets.write(w, Packets.udp(1, 5000, 2, 53, 300), t, Packets.facts(1, 5000, 2, 53));
                else Packets.write(w, Packets.udp(2, 53, 1, 5000, 300), t, Packets.facts(2, 53, 1, 5000));
                Packets.write(w, Packets.udp(1, 6000, 3, 80, 300), t + 1, Packets.facts(1, 6000, 3, 80));
                Packets.write(w, Packets.udp(4, 7000, 5, 53, 300), t + 2, Packets.facts(4, 7000, 5, 53));
            }
        }
        return p;
    }

    @Test
    void flowHashFindsBothDirectionsOfOneConversationOnly() throws IOException {
        Packets p = threeConversations();
        PacketFacts f = Packets.facts(1, 5000, 2, 53);
        assertEquals(f.flowHash, Packets.facts(2, 53, 1, 5000).flowHash);
        Extraction.Result r = p.extract(PacketSelector.flows(new int[] {f.flowHash}, Long.MIN_VALUE, Long.MAX_VALUE),
                Long.MIN_VALUE, Long.MAX_VALUE, new ByteArrayOutputStream());
        assertEquals(100, r.packets());
        // a time window narrows it, bounds included
        r = p.extract(PacketSelector.flows(new int[] {f.flowHash}, T0 + 100_000_000L, T0 + 190_000_000L), T0 + 100_000_000L,
                T0 + 190_000_000L, new ByteArrayOutputStream());
        assertEquals(10, r.packets());
    }

    @Test
    void hostLookupUsesTheBloomFilterAndTheEntryHashes() throws Exception {
        Packets p = threeConversations();
        IpAddress h1 = IpAddress.ofV4(0x0a000001), h5 = IpAddress.ofV4(0x0a000005), h9 = IpAddress.ofV4(0x0a000009);
        Extraction.Result r = p.extract(PacketSelector.host(h1.hi(), h1.lo(), Long.MIN_VALUE, Long.MAX_VALUE),
                Long.MIN_VALUE, Long.MAX_VALUE, new ByteArrayOutputStream());
        assertEquals(200, r.packets());
        r = p.extract(PacketSelector.host(h5.hi(), h5.lo(), Long.MIN_VALUE, Long.MAX_VALUE), Long.MIN_VALUE, Long.MAX_VALUE,
                new ByteArrayOutputStream());
        assertEquals(100, r.packets());
        SegmentIndex idx = Extraction.readIndex(p.store, p.store.list().getFirst());
        assertTrue(idx.mayHoldHost(h1.hi(), h1.lo()));
        assertFalse(idx.mayHoldHost(h9.hi(), h9.lo()));
    }

    @Test
    void indexIsTwentyBytesAPacketPlusAFixedPart() throws Exception {
        Packets p = threeConversations();
        for (SegmentName s : p.store.list()) {
            SegmentIndex idx = Extraction.readIndex(p.store, s);
            long size = Files.size(dir.resolve(s.index()));
            assertEquals(42 + "conv.pcap".length() + 2 + SegmentIndex.BLOOM_BYTES + 20L * idx.packets + 4, size);
        }
    }

    @Test
    void damagedIndexesAreNamedAndSkipped() throws Exception {
        Packets p = threeConversations();
        SegmentName first = p.store.list().getFirst();
        int inFirst = Extraction.readIndex(p.store, first).packets;
        Path idx = dir.resolve(first.index());
        byte[] b = Files.readAllBytes(idx);
        b[b.length / 2] ^= 0x40;
        Files.write(idx, b);
        Extraction.Result r = p.extract(PacketSelector.time(Long.MIN_VALUE, Long.MAX_VALUE), Long.MIN_VALUE, Long.MAX_VALUE,
                new ByteArrayOutputStream());
        assertEquals(1, r.damaged().size());
        assertTrue(r.damaged().getFirst().contains("checksum"), r.damaged().getFirst());
        assertEquals(300 - inFirst, r.packets());
    }

    @Test
    void damagedSegmentsStopAtTheDamageAndSayWhere() throws IOException {
        Packets p = threeConversations();
        SegmentName first = p.store.list().getFirst();
        Path seg = dir.resolve(first.segment());
        byte[] b = Files.readAllBytes(seg);
        Arrays.fill(b, b.length / 2, b.length, (byte) 0xff);
        Files.write(seg, b);
        Extraction.Result r = p.extract(PacketSelector.time(Long.MIN_VALUE, Long.MAX_VALUE), Long.MIN_VALUE, Long.MAX_VALUE,
                new ByteArrayOutputStream());
        assertEquals(1, r.damaged().size());
        assertTrue(r.damaged().getFirst().startsWith(first.segment()), r.damaged().getFirst());
        assertTrue(r.packets() > 0 && r.packets() < 300, "packets before the damage are kept: " + r.packets());
    }

    @Test
    void anIndexLargerThanItsSegmentCanNeedIsNotRead() throws IOException {
        Packets p = threeConversations();
        SegmentName first = p.store.list().getFirst();
        Files.write(dir.resolve(first.index()), new byte[400_000]);
        Extraction.Result r = p.extract(PacketSelector.time(Long.MIN_VALUE, Long.MAX_VALUE), Long.MIN_VALUE, Long.MAX_VALUE,
                new ByteArrayOutputStream());
        assertEquals(1, r.damaged().size());
        assertTrue(r.damaged().getFirst().contains("larger than its segment can need"), r.damaged().getFirst());
    }

    @Property(tries = 200)
    void anyMutationOfAnIndexIsADamagedExceptionNeverAnotherError(@ForAll @IntRange(min = 0, max = 40_000) int at,
                                                                @ForAll byte value, @ForAll @IntRange(min = 0, max = 40_000) int cut) {
        SegmentIndex idx = new SegmentIndex("src", T0, T0 + 9, 10, 0, 100_000, new int[] {1},
                new byte[SegmentIndex.BLOOM_BYTES], new long[10], new int[10], new int[10], new int[10]);
        byte[] b = idx.encode();
        byte[] m = Arrays.copyOf(b, Math.min(b.length, cut == 0 ? b.length : cut));
        if (at < m.length) m[at] = value;
        if (Arrays.equals(m, b)) return;
        assertThrows(SegmentIndex.DamagedException.class, () -> SegmentIndex.decode(m));
    }

    @Test
    void anIndexRoundTrips() throws SegmentIndex.DamagedException {
        SegmentIndex idx = new SegmentIndex("src", T0, T0 + 9, 2, 1, 500, new int[] {1, 113},
                new byte[SegmentIndex.BLOOM_BYTES], new long[] {T0, T0 + 9}, new int[] {60, 200}, new int[] {7, 8},
                new int[] {0x10002, 0x30004});
        SegmentIndex back = SegmentIndex.decode(idx.encode());
        assertEquals("src", back.source);
        assertEquals(1, back.snapped);
        assertEquals(500, back.segmentBytes);
        assertEquals(113, back.linkTypes[1]);
        assertEquals(T0 + 9, back.ts[1]);
        assertEquals(200, back.offset[1]);
        assertEquals(8, back.flow[1]);
        assertEquals(0x30004, back.hosts[1]);
    }
}
