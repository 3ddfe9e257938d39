package dev.netproof.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.source.pcap.CaptureReader;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The harness reaches {@code PipelineBenchmark.Stages} by reflection, so a renamed or reshaped stage would
 * only break it when someone runs it: here it loads this build twice and runs a small capture through both.
 */
class PacketPathABTest {
    private static final Path CAPTURE = Path.of("../app/src/main/resources/samples/sv-syn-retransmit-vlan.pcap");

    @Test
    void twoLoadersOfOneBuildEachTakeEveryPacket() throws Throwable {
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> {
                    try {
                        return Path.of(e).toUri().toURL();
                    } catch (java.net.MalformedURLException x) {
                        throw new IllegalStateException(x);
                    }
                }).toArray(URL[]::new);
        PacketPathAB.Side a = PacketPathAB.Side.load(classPath, "A"), b = PacketPathAB.Side.load(classPath, "B");
        Object sa = a.stages("t", true, true), sb = b.stages("t", true, true);
        assertNotSame(sa.getClass(), sb.getClass(), "each side has classes of its own");
        assertNotSame(PacketPathAB.class.getClassLoader(), sa.getClass().getClassLoader());

        long packets;
        try (CaptureReader r = CaptureReader.open(CAPTURE, "t", QualitySink.DISCARD)) {
            packets = r.read((data, offset, capLen, wireLen, ts, linkType, fileOffset) -> { }).packets();
        }
        assertTrue(packets > 100, "the sample has packets: " + packets);
        for (boolean analyzers : new boolean[] {false, true}) {
            Object sa2 = a.stages("t", true, analyzers), sb2 = b.stages("t", true, analyzers);
            long[] r = PacketPathAB.pass(CAPTURE, a, sa2, b, sb2, 64); // many chunks, both orders
            assertEquals(packets, r[2]);
            assertTrue(r[0] > 0 && r[1] > 0, "both sides' CPU time counted: " + Arrays.toString(r));
            // every packet went through each side's flow table: the rows it emitted add up to the capture
            assertEquals(packets, flowPackets(sa2));
            assertEquals(packets, flowPackets(sb2));
        }
    }

    /** Packets summed over the rows a side's flow table emitted ({@code Stages.flows}, a counting sink). */
    private static long flowPackets(Object stages) throws ReflectiveOperationException {
        var field = stages.getClass().getDeclaredField("flows");
        field.setAccessible(true);
        Object sink = field.get(stages);
        var m = sink.getClass().getMethod("packets");
        return (long) m.invoke(sink);
    }
}
