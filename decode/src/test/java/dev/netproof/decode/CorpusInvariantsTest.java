package dev.netproof.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.decode.testing.CaptureFile;
import dev.netproof.decode.testing.Corpus;
import dev.netproof.decode.testing.Decode;
import dev.netproof.decode.testing.Packet;
import java.lang.management.ManagementFactory;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-corpus checks that need no tshark: every snaplen cut, and zero allocation per packet. */
class CorpusInvariantsTest {

    @Test
    void everyCorpusPacketCutAtEveryHeaderLengthKeepsTheInvariants() throws Exception {
        long decoded = 0;
        for (Path p : Corpus.captures()) {
            CaptureFile f = CaptureFile.read(p);
            for (Packet pk : f.packets()) {
                byte[] b = f.data(pk);
                for (int cap = 0; cap <= Math.min(b.length, 160); cap++) {
                    Decode.run(pk.linkType(), b, cap, Math.max(pk.wireLen(), b.length), DecoderConfig.DEFAULTS);
                    decoded++;
                }
            }
        }
        assertTrue(decoded > 100_000, "decoded " + decoded);
    }

    @Test
    void decodingAllocatesNothing() throws Exception {
        List<MemorySegment> segs = new ArrayList<>();
        List<Packet> packets = new ArrayList<>();
        for (Path p : Corpus.captures()) {
            CaptureFile f = CaptureFile.read(p);
            MemorySegment seg = f.segment();
            for (Packet pk : f.packets()) {
                segs.add(seg);
                packets.add(pk);
            }
        }
        int n = packets.size();
        MemorySegment[] seg = segs.toArray(MemorySegment[]::new);
        long[] off = new long[n];
        int[] cap = new int[n], wire = new int[n], link = new int[n];
        for (int i = 0; i < n; i++) {
            Packet pk = packets.get(i);
            off[i] = pk.dataOffset();
            cap[i] = pk.capLen();
            wire[i] = pk.wireLen();
            link[i] = pk.linkType();
        }
        var decoder = new PacketDecoder();
        var out = new DecodedPacket();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long checksum = 0;
        for (int round = 0; round < 300; round++) checksum += decodeAll(decoder, out, seg, off, cap, wire, link);
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) checksum += decodeAll(decoder, out, seg, off, cap, wire, link);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(checksum != 0);
        // Zero in practice; a few KB of slack so that a stray JIT event cannot flake the test, while an
        // object per packet (>= 16 bytes x 40 000 packets) still fails it.
        assertTrue(allocated < 4096, allocated + " bytes allocated while decoding " + 20L * n + " packets");
    }

    private static long decodeAll(PacketDecoder d, DecodedPacket out, MemorySegment[] seg, long[] off, int[] cap,
                                  int[] wire, int[] link) {
        long sum = 0;
        for (int i = 0; i < seg.length; i++) {
            d.decode(seg[i], off[i], cap[i], wire[i], 0, link[i], out);
            sum += out.srcPort + out.payloadLen;
        }
        return sum;
    }
}
