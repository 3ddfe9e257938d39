package dev.netproof.decode.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-side reader agrees with itself across formats: editcap rewrites a capture as pcapng and ns pcap. */
@Tag("tshark")
class CaptureFileTest {
    static final Path EDITCAP = Path.of("/usr/bin/editcap");

    @Test
    void pcapngAndNanosecondPcapReadLikeTheOriginal(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(EDITCAP), "editcap not installed");
        for (String name : List.of("zeek-q-in-q.pcap", "sv-http-ipv6.pcap", "sv-tcp-empty-sack.pcap", "zeek-wikipedia.pcap")) {
            Path src = Corpus.dir().resolve(name);
            CaptureFile original = CaptureFile.read(src);
            for (String format : List.of("pcapng", "nsecpcap")) {
                Path out = dir.resolve(name + "." + format);
                Process p = new ProcessBuilder(EDITCAP.toString(), "-F", format, src.toString(), out.toString())
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                assertEquals(0, p.waitFor(), "editcap " + format);
                CaptureFile copy = CaptureFile.read(out);
                assertEquals(original.packets().size(), copy.packets().size(), name + " " + format);
                for (int i = 0; i < original.packets().size(); i++) {
                    Packet a = original.packets().get(i), b = copy.packets().get(i);
                    assertEquals(a.linkType(), b.linkType());
                    assertEquals(a.tsNanos(), b.tsNanos(), name + " " + format + " #" + a.number());
                    assertEquals(a.capLen(), b.capLen());
                    assertEquals(a.wireLen(), b.wireLen());
                    assertArrayEquals(original.data(a), copy.data(b));
                }
            }
        }
    }

    @Test
    void writerAndReaderRoundTrip(@TempDir Path dir) throws Exception {
        byte[] a = Frames.eth(0x0806, new byte[28]);
        byte[] b = Frames.eth(0x0800, Synthetic.v4(17, Synthetic.dns()));
        Path f = dir.resolve("x.pcap");
        PcapWriter.write(f, 1, List.of(a, b), new int[] {a.length, 20});
        CaptureFile c = CaptureFile.read(f);
        assertEquals(2, c.packets().size());
        assertEquals(20, c.packets().get(1).capLen());
        assertEquals(b.length, c.packets().get(1).wireLen());
        assertArrayEquals(a, c.data(c.packets().get(0)));
        assertTrue(c.packets().get(1).tsNanos() > c.packets().get(0).tsNanos());
    }
}
