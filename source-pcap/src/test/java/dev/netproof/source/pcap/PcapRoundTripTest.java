package dev.netproof.source.pcap;

import dev.netproof.source.pcap.Recorded.Packet;
import dev.netproof.testkit.Frames;
import dev.netproof.testkit.LinkTypes;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.PcapWriter.Header;
import dev.netproof.testkit.PcapWriter.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classic pcap written by the testkit writer must read back exactly, in every variant. */
class PcapRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> variants() {
        List<Arguments> a = new ArrayList<>();
        // Bit 26 and bits 28-31 of the link-type field describe an FCS; the reader masks them off.
        int ethernetWithFcs = LinkTypes.ETHERNET | (1 << 26) | (2 << 28);
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (Precision p : Precision.values()) {
                for (int lt : List.of(LinkTypes.ETHERNET, LinkTypes.RAW, LinkTypes.LINUX_SLL2, ethernetWithFcs)) {
                    a.add(Arguments.of(o, p, lt));
                }
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1} link-type field {2}")
    @MethodSource("variants")
    void readsBackExactly(ByteOrder order, Precision precision, int linkTypeField) {
        Header header = Header.ethernet().withOrder(order).withPrecision(precision).withLinkType(linkTypeField)
                .withSnaplen(200);
        Random rnd = new Random(order.hashCode() * 31L + precision.ordinal() * 7L + linkTypeField);
        List<Packet> expected = new ArrayList<>();
        byte[] file;
        try (var w = PcapWriter.inMemory(header)) {
            long ts = 1_600_000_000_000_000_000L;
            for (int i = 0; i < 300; i++) {
                byte[] frame = new byte[rnd.nextInt(400)];
                rnd.nextBytes(frame);
                long at = w.position();
                w.packet(ts, frame);
                int cap = Math.min(frame.length, 200);
                long stored = precision == Precision.NANO ? ts : ts - Math.floorMod(ts, 1_000L);
                expected.add(new Packet(stored, cap, frame.length, linkTypeField & 0xFFFF, 0, at, at + 16,
                        Arrays.copyOf(frame, cap)));
                ts += rnd.nextLong(3_000_000_000L);
            }
            file = w.toByteArray();
        }
        Recorded r = Recorded.of(file);
        assertEquals(CaptureFormat.PCAP, r.format());
        assertTrue(r.result().complete(), () -> r.result().toString());
        assertEquals(expected, r.packets());
        assertEquals(file.length, r.result().endOffset());
        assertEquals(expected.size(), r.result().packets());
        assertEquals(expected.stream().mapToLong(Packet::capLen).sum(), r.result().bytes());
        assertEquals(expected.stream().filter(p -> p.capLen() < p.wireLen()).count(),
                r.ledgerTotal("truncated_by_snaplen"));
        assertEquals(expected.size(), r.ledgerTotal("packets"));
    }

    @Test
    void zeroLengthRecordsAreDelivered() {
        byte[] file;
        try (var w = PcapWriter.inMemory(Header.ethernet())) {
            w.packet(1_000_000_000L, new byte[0]);
            w.record(2, 0, 0, 60, new byte[0]); // nothing captured of a 60-byte packet
            w.packet(3_000_000_000L, new byte[] {1});
            file = w.toByteArray();
        }
        Recorded r = Recorded.of(file);
        assertTrue(r.result().complete());
        assertEquals(List.of(0, 0, 1), r.packets().stream().map(Packet::capLen).toList());
        assertEquals(List.of(0, 60, 1), r.packets().stream().map(Packet::wireLen).toList());
        assertEquals(1, r.ledgerTotal("truncated_by_snaplen"));
    }

    @Test
    void timestampsAreUnsignedSecondsAndFractions() {
        byte[] file;
        try (var w = PcapWriter.inMemory(Header.ethernet().withPrecision(Precision.NANO))) {
            w.record(0xFFFF_FFFFL, 999_999_999, 0, 0, new byte[0]); // 2106-02-07, the last pcap second
            file = w.toByteArray();
        }
        assertEquals(4_294_967_295_999_999_999L, Recorded.of(file).packets().getFirst().tsNanos());
    }

    @Test
    void ledgerCountsPerCaptureSecond() {
        byte[] file;
        try (var w = PcapWriter.inMemory(Header.ethernet().withSnaplen(10))) {
            byte[] f = Frames.ethernet().ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).build();
            w.packet(5_000_000_000L, f).packet(5_900_000_000L, f).packet(7_000_000_000L, f);
            file = w.toByteArray();
        }
        Recorded r = Recorded.of(file);
        var rows = r.ledger().stream().filter(q -> q.metric().equals("packets")).toList();
        assertEquals(2, rows.size());
        assertEquals(5, rows.get(0).second());
        assertEquals(2, rows.get(0).value());
        assertEquals(7, rows.get(1).second());
        assertEquals(1, rows.get(1).value());
        assertTrue(r.ledger().stream().allMatch(q -> q.stage().equals("read") && q.source().equals("test")));
        assertEquals(30, r.ledgerTotal("bytes"));
        assertEquals(3 * 42, r.ledgerTotal("wire_bytes"));
        assertEquals(3, r.ledgerTotal("truncated_by_snaplen"));
    }

    @Test
    void readsAFileFromDiskTheSameAsFromMemory() {
        Path file = dir.resolve("disk.pcap");
        try (var w = PcapWriter.toFile(file, Header.ethernet().withOrder(ByteOrder.BIG_ENDIAN))) {
            for (int i = 0; i < 10; i++) w.packet(i * 1_000_000L, new byte[i * 10]);
        }
        Recorded disk = Recorded.ofFile(file);
        assertTrue(disk.result().complete());
        assertEquals(10, disk.packets().size());
        assertEquals(Recorded.of(readAll(file)).packets(), disk.packets());
    }

    static byte[] readAll(Path p) {
        try {
            return java.nio.file.Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
