package dev.netproof.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netproof.decode.testing.CaptureFile;
import dev.netproof.decode.testing.Corpus;
import dev.netproof.decode.testing.Differ;
import dev.netproof.decode.testing.KnownDifferences;
import dev.netproof.decode.testing.Packet;
import dev.netproof.decode.testing.Tshark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test: every packet of every BSD/MIT corpus capture, decoded here and dissected by
 * tshark, must agree field by field, or the disagreement must match a rule of
 * {@link KnownDifferences} (each one explained in the repository's DIFFERENCES.md, section "Packet decoding").
 */
@Tag("tshark")
class TsharkCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusCaptureAgreesWithTshark() throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark not installed at " + Tshark.TSHARK);
        return Corpus.captures().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> agree(p)));
    }

    static void agree(Path path) throws Exception {
        CaptureFile file = CaptureFile.read(path);
        List<Tshark.Row> rows = Tshark.run(path);
        assertEquals(file.packets().size(), rows.size(), "frames read by us vs tshark");
        var decoder = new PacketDecoder();
        var out = new DecodedPacket();
        var seg = file.segment();
        List<String> unexplained = new ArrayList<>();
        Map<String, Integer> explained = new TreeMap<>();
        long checks = 0;
        for (int i = 0; i < rows.size(); i++) {
            Packet p = file.packets().get(i);
            decoder.decode(seg, p.dataOffset(), p.capLen(), p.wireLen(), p.tsNanos(), p.linkType(), out);
            Differ.Result r = Differ.compare(rows.get(i), out);
            checks += r.checks();
            for (Differ.Mismatch m : r.mismatches()) {
                String rule = KnownDifferences.explain(rows.get(i), out, m);
                if (rule == null) {
                    unexplained.add("frame " + p.number() + " " + m + "  [" + rows.get(i).get("frame.protocols", 0)
                            + ", error=" + out.error + ", truncated=" + out.truncated + "]");
                } else {
                    explained.merge(rule, 1, Integer::sum);
                }
            }
        }
        System.out.println(path.getFileName() + ": " + rows.size() + " frames, " + checks + " fields compared"
                + (explained.isEmpty() ? "" : ", known differences " + explained));
        assertTrue(checks >= 2L * rows.size(), "too few fields compared: " + checks);
        if (!unexplained.isEmpty()) {
            fail(unexplained.size() + " unexplained differences in " + path.getFileName() + ":\n"
                    + String.join("\n", unexplained.subList(0, Math.min(40, unexplained.size()))));
        }
    }
}
