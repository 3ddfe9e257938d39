package dev.netproof.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netproof.decode.testing.CaptureFile;
import dev.netproof.decode.testing.Differ;
import dev.netproof.decode.testing.KnownDifferences;
import dev.netproof.decode.testing.Packet;
import dev.netproof.decode.testing.PcapWriter;
import dev.netproof.decode.testing.Synthetic;
import dev.netproof.decode.testing.Tshark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test over {@link Synthetic} frames: written to one pcap per link type, dissected by
 * tshark, decoded here, compared as in {@link TsharkCorpusTest}.
 */
@Tag("tshark")
class TsharkSyntheticTest {

    @Test
    void syntheticFramesAgreeWithTshark(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark not installed at " + Tshark.TSHARK);
        Map<Integer, List<Synthetic>> byLink = Synthetic.all().stream()
                .collect(Collectors.groupingBy(Synthetic::linkType, TreeMap::new, Collectors.toList()));
        List<String> unexplained = new ArrayList<>();
        Map<String, Integer> explained = new TreeMap<>();
        var decoder = new PacketDecoder();
        var out = new DecodedPacket();
        for (var e : byLink.entrySet()) {
            List<Synthetic> frames = e.getValue();
            Path file = dir.resolve("link" + e.getKey() + ".pcap");
            PcapWriter.write(file, e.getKey(), frames.stream().map(Synthetic::frame).toList(),
                    frames.stream().mapToInt(Synthetic::capLen).toArray());
            CaptureFile cap = CaptureFile.read(file);
            List<Tshark.Row> rows = Tshark.run(file);
            assertEquals(frames.size(), rows.size());
            for (int i = 0; i < frames.size(); i++) {
                Packet p = cap.packets().get(i);
                decoder.decode(cap.segment(), p.dataOffset(), p.capLen(), p.wireLen(), 0, p.linkType(), out);
                for (Differ.Mismatch m : Differ.compare(rows.get(i), out).mismatches()) {
                    String rule = KnownDifferences.explain(rows.get(i), out, m);
                    String where = frames.get(i).name() + " " + m + "  [" + rows.get(i).get("frame.protocols", 0)
                            + ", error=" + out.error + ", truncated=" + out.truncated + "]";
                    if (rule == null) {
                        unexplained.add(where);
                    } else {
                        explained.merge(rule, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("synthetic frames: known differences " + explained);
        if (!unexplained.isEmpty()) fail(unexplained.size() + " unexplained differences:\n" + String.join("\n", unexplained));
    }
}
