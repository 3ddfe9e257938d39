package dev.netproof.packetstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir Path dir;

    @Test
    void oldestSegmentsGoFirstAndTheLedgerCountsThem() throws IOException {
        long segment = 64 << 10;
        // room for three segments and their indexes, not four
        Packets p = new Packets(dir, Packets.config(dir).withSegment(segment, 60_000_000_000L).withBudget(3 * segment + 3 * 12_000));
        byte[] frame = Packets.udp(1, 1000, 2, 53, 958);
        PacketFacts f = Packets.facts(1, 1000, 2, 53);
        try (PacketWriter w = p.store.writer("test.pcap", p.sink)) {
            for (int i = 0; i < 600; i++) Packets.write(w, frame, T0 + i * 1_000_000L, f);
        }
        // 600 packets at 63 a segment: 10 segments written, 7 evicted
        assertEquals(10, p.total("segments_written"));
        assertEquals(7, p.total("segments_evicted"));
        assertEquals(7 * 63, p.total("packets_evicted"));
        assertTrue(p.total("bytes_evicted") > 7 * 60_000);
        List<SegmentName> left = p.store.list();
        assertEquals(3, left.size());
        assertTrue(p.store.totalBytes() <= p.store.config().budgetBytes());
        assertEquals(7, p.store.evicted().size());
        // the kept ones are the newest
        assertTrue(left.getFirst().startNanos() > p.store.evicted().getLast().endNanos());
        long onDisk;
        try (Stream<Path> files = Files.walk(dir.resolve("segments"))) {
            onDisk = files.filter(Files::isRegularFile).mapToLong(x -> x.toFile().length()).sum();
        }
        assertEquals(p.store.totalBytes(), onDisk);

        // an extraction over the whole range says segments of its range were evicted
        Extraction.Result r = p.extract(PacketSelector.time(Long.MIN_VALUE, Long.MAX_VALUE), Long.MIN_VALUE, Long.MAX_VALUE,
                new ByteArrayOutputStream());
        assertEquals(600 - 7 * 63, r.packets());
        assertEquals(7, r.evicted());
        // ... and one over the newest segment only does not
        SegmentName last = left.getLast();
        r = p.extract(PacketSelector.time(last.startNanos(), last.endNanos() + 1), last.startNanos(), last.endNanos(),
                new ByteArrayOutputStream());
        assertEquals(0, r.evicted());
    }

    @Test
    void aReopenedStoreCountsWhatIsAlreadyThere() throws IOException {
        Packets p = new Packets(dir, Packets.config(dir).withSegment(64 << 10, 60_000_000_000L));
        byte[] frame = Packets.udp(1, 1000, 2, 53, 958);
        try (PacketWriter w = p.store.writer("test.pcap", p.sink)) {
            for (int i = 0; i < 100; i++) Packets.write(w, frame, T0 + i, Packets.facts(1, 1000, 2, 53));
        }
        Packets again = new Packets(dir, Packets.config(dir));
        assertEquals(p.store.totalBytes(), again.store.totalBytes());
        assertTrue(again.store.totalBytes() > 100_000);
    }
}
