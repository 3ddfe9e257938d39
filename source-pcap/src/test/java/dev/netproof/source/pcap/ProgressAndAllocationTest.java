package dev.netproof.source.pcap;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.testkit.LinkTypes;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.PcapngWriter;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The progress offset moves forward within the file; the per-packet loop allocates nothing. */
class ProgressAndAllocationTest {
    private static final int PACKETS = 100_000;

    static byte[] pcap(int packets) {
        PcapWriter w = PcapWriter.inMemory(PcapWriter.Header.ethernet().withOrder(ByteOrder.BIG_ENDIAN));
        byte[] frame = new byte[60];
        for (int i = 0; i < packets; i++) w.packet(1_000_000_000L + i * 1_000L, frame, 60 + (i & 1));
        return w.toByteArray();
    }

    static byte[] pcapng(int packets) {
        PcapngWriter w = PcapngWriter.inMemory(ByteOrder.LITTLE_ENDIAN);
        w.addInterface(PcapngWriter.Interface.of(LinkTypes.ETHERNET));
        w.addInterface(PcapngWriter.Interface.of(LinkTypes.RAW).withResolution(PcapngWriter.Resolution.pow2(20)));
        byte[] frame = new byte[60];
        for (int i = 0; i < packets; i++) {
            if (i % 3 == 2) w.spb(frame);
            else w.epb(i & 1, 1_000_000_000L + i * 1_000L, frame);
        }
        return w.toByteArray();
    }

    @Test
    void positionIsMonotoneAndEndsAtTheFileSize() {
        for (byte[] file : new byte[][] {pcap(20_000), pcapng(20_000)}) {
            CaptureReader r = CaptureReader.of(MemorySegment.ofArray(file), "mem", "test", QualitySink.DISCARD);
            long[] last = {0};
            long[] moves = {0};
            ReadResult res = r.read((d, o, c, w, t, l, f) -> {
                long p = r.position();
                assertTrue(p >= last[0] && p <= f, "position " + p + " after " + last[0] + " at record " + f);
                if (p != last[0]) moves[0]++;
                last[0] = p;
            });
            assertTrue(res.complete());
            assertTrue(moves[0] >= 4, "progress moved only " + moves[0] + " times");
            assertEquals(file.length, r.position());
            assertEquals(file.length, r.size());
        }
    }

    @Test
    void theReadLoopDoesNotAllocatePerPacket() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        var counter = (com.sun.management.ThreadMXBean) threads;
        for (byte[] file : new byte[][] {pcap(PACKETS), pcapng(PACKETS)}) {
            MemorySegment seg = MemorySegment.ofArray(file);
            long[] sum = new long[1];
            PacketSink sink = (d, o, c, w, t, l, f) -> sum[0] += c;
            for (int i = 0; i < 12; i++) { // let the JIT compile the loop
                CaptureReader.of(seg, "mem", "test", QualitySink.DISCARD).read(sink);
            }
            long tid = Thread.currentThread().threadId();
            long before = counter.getThreadAllocatedBytes(tid);
            ReadResult res = CaptureReader.of(seg, "mem", "test", QualitySink.DISCARD).read(sink);
            long allocated = counter.getThreadAllocatedBytes(tid) - before;
            assertEquals(PACKETS, res.packets());
            // A reader costs a few objects; PACKETS packets over one capture second must add nothing.
            assertTrue(allocated < 16 * 1024, allocated + " bytes allocated reading " + PACKETS + " packets");
        }
    }
}
