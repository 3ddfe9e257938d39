package dev.netproof.source.pcap;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.testkit.LinkTypes;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.PcapngWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rough packets-per-second of the bare read loop over large files, printed, never asserted (timing
 * belongs in bench). Excluded from normal runs by the {@code heavy} tag; run it with
 * {@code mvn -pl source-pcap test -Pheavy}. Writes two files of about 1 GB each to the temp directory.
 */
@Tag("heavy")
class ReadThroughputTest {
    private static final int PACKETS = 10_000_000;

    @Test
    void measure() throws IOException {
        main(new String[0]);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("netproof-throughput");
        try {
            Path pcap = dir.resolve("t.pcap");
            Path pcapng = dir.resolve("t.pcapng");
            byte[] frame = new byte[64];
            try (var w = PcapWriter.toFile(pcap, PcapWriter.Header.ethernet())) {
                for (int i = 0; i < PACKETS; i++) w.packet(1_700_000_000_000_000_000L + i * 10_000L, frame);
            }
            try (var w = PcapngWriter.toFile(pcapng, ByteOrder.LITTLE_ENDIAN)) {
                w.addInterface(PcapngWriter.Interface.of(LinkTypes.ETHERNET).withResolution(PcapngWriter.Resolution.NANO));
                for (int i = 0; i < PACKETS; i++) w.epb(0, 1_700_000_000_000_000_000L + i * 10_000L, frame);
            }
            for (Path p : new Path[] {pcap, pcapng}) {
                for (int round = 0; round < 5; round++) {
                    long[] sum = new long[1];
                    long t0 = System.nanoTime();
                    ReadResult r;
                    try (CaptureReader reader = CaptureReader.open(p, QualitySink.DISCARD)) {
                        r = reader.read((d, o, c, w, t, l, f) -> sum[0] += c);
                    }
                    long ns = System.nanoTime() - t0;
                    assertEquals(PACKETS, r.packets());
                    System.out.printf("%s round %d: %.1f M packets/s, %.0f MB/s%n", p.getFileName(), round,
                            PACKETS * 1e3 / ns, Files.size(p) * 1e3 / ns);
                }
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }
}
