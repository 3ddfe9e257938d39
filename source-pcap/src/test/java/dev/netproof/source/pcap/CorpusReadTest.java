package dev.netproof.source.pcap;

import dev.netproof.testkit.Corpus;
import dev.netproof.testkit.Tshark;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every real capture reads completely, with as many packets as tshark counted (the oracle). */
class CorpusReadTest {
    static Stream<Corpus.Capture> bundled() {
        return Corpus.bundled().stream();
    }

    /** Captures only in the shared corpus: the AGPL flow exports, and any packet capture not bundled. */
    static List<Path> sharedOnly() {
        List<Path> files = new ArrayList<>(Corpus.shared("flows", "*.pcap"));
        List<String> bundledNames = Corpus.bundled().stream().map(Corpus.Capture::fileName).toList();
        for (Path p : Corpus.shared("packets", "*.pcap*")) {
            if (!bundledNames.contains(p.getFileName().toString())) files.add(p);
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void bundledCaptureMatchesOracleFrames(Corpus.Capture capture) {
        Recorded r = Recorded.ofFile(capture.path());
        assertTrue(r.result().complete(), () -> r.fault().message());
        assertEquals(capture.oracleFrames(), r.result().packets(), capture.name());
        assertEquals(r.result().endOffset(), capture.bytes().length);
    }

    @Test
    void sharedCapturesMatchOracleFrames() {
        assumeTrue(Corpus.sharedDir().isPresent(), "shared corpus " + Corpus.SHARED_DIR + " absent");
        List<Path> files = sharedOnly();
        assertFalse(files.isEmpty());
        for (Path p : files) {
            Recorded r = Recorded.ofFile(p);
            assertTrue(r.result().complete(), () -> r.fault().message());
            assertEquals(Corpus.sharedOracle(p).path("frames").asLong(), r.result().packets(), p.toString());
        }
    }

    /**
     * One tshark run instead of one per capture (each costs a second): mergecap concatenates the
     * bundled captures into a pcapng with an interface per capture. tshark's view of it must equal
     * ours of the originals, packet for packet, and our reading of mergecap's pcapng (a file from
     * Wireshark's own writer, with many interfaces) must equal both, bytes included.
     */
    @Test
    @Tag("tshark")
    void everyPacketMatchesTshark(@TempDir Path dir) {
        assumeTrue(Tshark.available(), "tshark not installed");
        List<Corpus.Capture> captures = Corpus.bundled();
        List<Recorded.Packet> ours = new ArrayList<>();
        List<String> origin = new ArrayList<>();
        for (int c = 0; c < captures.size(); c++) {
            for (Recorded.Packet p : Recorded.ofFile(captures.get(c).path()).packets()) {
                ours.add(p);
                origin.add(captures.get(c).name() + " frame " + (origin.size() + 1) + " interface " + c);
            }
        }
        Path merged = dir.resolve("all.pcapng");
        Tshark.mergecap(merged, captures.stream().map(Corpus.Capture::path).toList());
        List<List<String>> rows = Tshark.fields(merged, "frame.time_epoch", "frame.len", "frame.cap_len",
                "frame.interface_id");
        Recorded viaPcapng = Recorded.ofFile(merged);
        assertTrue(viaPcapng.result().complete(), () -> viaPcapng.fault().message());
        assertEquals(ours.size(), rows.size());
        assertEquals(ours.size(), viaPcapng.packets().size());
        for (int i = 0; i < rows.size(); i++) {
            Recorded.Packet p = ours.get(i);
            Recorded.Packet q = viaPcapng.packets().get(i);
            List<String> row = rows.get(i);
            String where = origin.get(i);
            assertEquals(Tshark.epochNanos(row.get(0)), p.tsNanos(), where);
            assertEquals(row.get(1), Integer.toString(p.wireLen()), where);
            assertEquals(row.get(2), Integer.toString(p.capLen()), where);
            assertEquals(row.get(3), Integer.toString(q.interfaceId()), where);
            assertEquals(p.tsNanos(), q.tsNanos(), where);
            assertEquals(p.wireLen(), q.wireLen(), where);
            assertEquals(p.linkType(), q.linkType(), where);
            assertArrayEquals(p.data(), q.data(), where);
        }
    }
}
