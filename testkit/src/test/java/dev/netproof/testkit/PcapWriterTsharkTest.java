package dev.netproof.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** tshark must read back exactly what {@link PcapWriter} wrote. */
@Tag("tshark")
class PcapWriterTsharkTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needTshark() {
        assumeTrue(Tshark.available(), "tshark not installed");
    }

    static Stream<Arguments> variants() {
        List<Arguments> a = new ArrayList<>();
        // Every order and precision, each link type twice: a tshark run costs about a second.
        List<Integer> linkTypes = List.of(LinkTypes.ETHERNET, LinkTypes.RAW, LinkTypes.LINUX_SLL, LinkTypes.IPV6);
        int n = 0;
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (PcapWriter.Precision p : PcapWriter.Precision.values()) {
                for (int k = 0; k < 2; k++) a.add(Arguments.of(o, p, linkTypes.get(n++ % linkTypes.size())));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1} linktype {2}")
    @MethodSource("variants")
    void tsharkReadsWhatWasWritten(ByteOrder order, PcapWriter.Precision precision, int linkType) {
        var header = PcapWriter.Header.ethernet().withOrder(order).withPrecision(precision)
                .withLinkType(linkType).withSnaplen(100);
        Path file = dir.resolve("t.pcap");
        List<long[]> expected = new ArrayList<>(); // tsNanos, wireLen, capLen
        try (var w = PcapWriter.toFile(file, header)) {
            long ts = 1_700_000_000_123_456_789L;
            for (int i = 0; i < 20; i++) {
                byte[] frame = new byte[i * 13]; // 0 .. 247 bytes: some beyond the snaplen of 100
                w.packet(ts, frame);
                long stored = precision == PcapWriter.Precision.NANO ? ts : ts - ts % 1000;
                expected.add(new long[] {stored, frame.length, Math.min(frame.length, 100)});
                ts += 999_999_937L * i + 1;
            }
        }
        List<List<String>> rows = Tshark.fields(file, "frame.time_epoch", "frame.len", "frame.cap_len",
                "frame.encap_type");
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            assertEquals(expected.get(i)[0], Tshark.epochNanos(r.get(0)), "time of frame " + i);
            assertEquals(Long.toString(expected.get(i)[1]), r.get(1), "wire length of frame " + i);
            assertEquals(Long.toString(expected.get(i)[2]), r.get(2), "captured length of frame " + i);
            assertEquals(WtapEncap.of(linkType), r.get(3), "encapsulation of frame " + i);
        }
    }

    @Test
    void fcsBitsAboveTheLinkTypeAreWrittenAsGiven() {
        // Bit 26 = FCS length present, bits 28-31 = FCS length in 16-bit words (2 = 4 bytes).
        int field = LinkTypes.ETHERNET | (1 << 26) | (2 << 28);
        Path file = dir.resolve("fcs.pcap");
        try (var w = PcapWriter.toFile(file, PcapWriter.Header.ethernet().withLinkType(field))) {
            w.packet(1_000_000_000L, Frames.ethernet().ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).build());
        }
        assertEquals("1", Tshark.fields(file, "frame.encap_type").getFirst().getFirst());
    }
}
