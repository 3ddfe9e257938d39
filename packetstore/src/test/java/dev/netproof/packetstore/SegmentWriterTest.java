package dev.netproof.packetstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netproof.testkit.Tshark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentWriterTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir Path dir;

    @Test
    void rotatesBySizeAndEverySegmentHoldsItsPacketsInOrder() throws IOException {
        Packets p = new Packets(dir, Packets.config(dir).withSegment(64 << 10, 60_000_000_000L));
        byte[] frame = Packets.udp(1, 1000, 2, 53, 958); // 1000 bytes
        PacketFacts f = Packets.facts(1, 1000, 2, 53);
        try (PacketWriter w = p.store.writer("test.pcap", p.sink)) {
            for (int i = 0; i < 300; i++) Packets.write(w, frame, T0 + i * 1000L, f);
        }
        List<SegmentName> segs = p.store.list();
        // 1032 bytes a block, 64 KiB a segment: 63 packets fit beside the headers
        assertEquals(5, segs.size());
        for (SegmentName s : segs) {
            long size = Files.size(dir.resolve(s.segment()));
            assertTrue(size <= 64 << 10, s + " is " + size + " bytes");
            assertTrue(Files.exists(dir.resolve(s.index())), "index beside " + s);
        }
        assertEquals(300, p.total("packets_stored"));
        assertEquals(5, p.total("segments_written"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Extraction.Result r = p.extract(PacketSelector.time(Long.MIN_VALUE, Long.MAX_VALUE), Long.MIN_VALUE, Long.MAX_VALUE, out);
        assertEquals(300, r.packets());
        assertEquals(300L * frame.length, r.bytes());
        // no spool file is left behind, and none is listed
        try (var files = Files.list(dir.resolve("segments"))) {
            assertTrue(files.noneMatch(x -> x.toString().endsWith(".part")));
        }
    }

    @Test
    void rotatesByCaptureTime() throws IOException {
        Packets p = new Packets(dir, Packets.config(dir).withSegment(64 << 20, 10_000_000_000L));
        byte[] frame = Packets.udp(1, 1000, 2, 53, 100);
        PacketFacts f = Packets.facts(1, 1000, 2, 53);
        try (PacketWriter w = p.store.writer("test.pcap", p.sink)) {
            for (int i = 0; i < 35; i++) Packets.write(w, frame, T0 + i * 1_000_000_000L, f); // one a second
        }
        List<SegmentName> segs = p.store.list();
        assertEquals(4, segs.size()); // 0-9, 10-19, 20-29, 30-34 s
        assertEquals(T0, segs.get(0).startNanos());
        assertEquals(T0 + 9_000_000_000L, segs.get(0).endNanos());
        assertEquals(T0 + 34_000_000_000L, segs.get(3).endNanos());
    }

    @Test
    void segmentsAreValidPcapngThatTsharkReadsWithNanosecondTimes() throws IOException {
        assumeTrue(Tshark.available());
        Packets p = new Packets(dir, Packets.config(dir));
        byte[] frame = Packets.udp(1, 1000, 2, 53, 37);
        PacketFacts f = Packets.facts(1, 1000, 2, 53);
        try (PacketWriter w = p.store.writer("test.pcap", p.sink)) {
            Packets.write(w, frame, T0 + 123_456_789L, f);
            Packets.write(w, frame, T0 + 987_654_321L, f);
        }
        Path seg = dir.resolve(p.store.list().getFirst().segment());
        List<List<String>> rows = Tshark.fields(seg, "frame.time_epoch", "frame.len", "udp.dstport");
        assertEquals(List.of(List.of("1700000000.123456789", Integer.toString(frame.length), "53"),
                List.of("1700000000.987654321", Integer.toString(frame.length), "53")), rows);
    }

    @Test
    void aPacketTooBigForABufferIsCountedNotStored() throws IOException {
        Packets p = new Packets(dir, Packets.config(dir));
        byte[] huge = new byte[PacketWriter.CHUNK_BYTES];
        huge[12] = 0x08;
        try (PacketWriter w = p.store.writer("big.pcap", p.sink)) {
            Packets.write(w, huge, T0, new PacketFacts());
            Packets.write(w, Packets.udp(1, 1, 2, 2, 10), T0 + 1, Packets.facts(1, 1, 2, 2));
        }
        assertEquals(1, p.total("packets_too_big"));
        assertEquals(1, p.total("packets_stored"));
    }

    @Test
    void deleteSourceRemovesOnlyThatSourcesSegments() throws IOException {
        Packets p = new Packets(dir, Packets.config(dir).withSegment(64 << 10, 60_000_000_000L));
        byte[] frame = Packets.udp(1, 1000, 2, 53, 958);
        PacketFacts f = Packets.facts(1, 1000, 2, 53);
        for (String src : List.of("a.pcap", "b.pcap")) {
            try (PacketWriter w = p.store.writer(src, p.sink)) {
                for (int i = 0; i < 100; i++) Packets.write(w, frame, T0 + i, f);
            }
        }
        assertEquals(4, p.store.list().size());
        assertEquals(2, p.store.deleteSource("a.pcap"));
        List<SegmentName> left = p.store.list();
        assertEquals(2, left.size());
        assertTrue(left.stream().allMatch(s -> s.sourceId().equals(SegmentName.sourceId("b.pcap"))));
        try (var files = Files.list(dir.resolve("segments"))) {
            assertEquals(4, files.count(), "two segments and their two indexes");
        }
    }

    @Test
    void ledgerRowsReachTheSinkOnThePacketThreadOnly() throws IOException {
        // the store writer's sink takes rows from one thread; the background thread's counts go through the packet thread
        Packets p = new Packets(dir, Packets.config(dir).withSegment(64 << 10, 60_000_000_000L).withBudget(200 << 10));
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.List<dev.netproof.core.ledger.QualityRow> rows = new java.util.concurrent.CopyOnWriteArrayList<>();
        byte[] frame = Packets.udp(1, 1000, 2, 53, 958);
        try (PacketWriter w = p.store.writer("test.pcap", r -> {
            threads.add(Thread.currentThread());
            rows.add(r);
        })) {
            for (int i = 0; i < 600; i++) Packets.write(w, frame, T0 + i, Packets.facts(1, 1000, 2, 53));
        }
        assertEquals(java.util.Set.of(Thread.currentThread()), threads);
        assertEquals(600, rows.stream().filter(r -> r.metric().equals("packets_stored")).mapToLong(r -> r.value()).sum());
        assertTrue(rows.stream().anyMatch(r -> r.metric().equals("segments_evicted")));
    }

    @Test
    void theDiskReserveIsLeftToTheFlowStoreAndWhatItCostsIsCounted() throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        Packets p = new Packets(dir, Packets.config(dir).withReserve(free + (1L << 30)));
        try (PacketWriter w = p.store.writer("full.pcap", p.sink)) {
            for (int i = 0; i < 10; i++) Packets.write(w, Packets.udp(1, 1, 2, 2, 100), T0 + i, Packets.facts(1, 1, 2, 2));
            w.close();
            assertTrue(w.firstError().contains("bytes left to the flow store"), w.firstError());
        }
        assertEquals(10, p.total("packets_no_space"));
        assertEquals(0, p.total("packets_stored"));
        assertTrue(p.store.list().isEmpty());
        try (var files = Files.list(dir.resolve("segments"))) {
            assertEquals(0, files.count(), "no spool file left");
        }
    }

    @Test
    void segmentNamesRoundTrip() {
        SegmentName n = new SegmentName(T0, T0 + 5, SegmentName.sourceId("x"), 7);
        assertEquals(n, SegmentName.parse(n.segment()).orElseThrow());
        assertEquals(n, SegmentName.parse(n.index()).orElseThrow());
        assertEquals(n, SegmentName.parse(n.tombstone()).orElseThrow());
        assertTrue(SegmentName.parse("segments/garbage.pcapng").isEmpty());
    }
}
