package dev.netproof.bench;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.source.pcap.CaptureReader;
import dev.netproof.source.pcap.ReadResult;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * One pass over a capture through two sides in one thread, a chunk of packets at a time: each chunk goes
 * through both, the order alternating from chunk to chunk, and each side's CPU time is summed, so the two
 * sums see the same state of a shared machine ({@link AnalyzerCostInterleaved}, {@link PacketPathAB}).
 * Each side reads the held packets' places in the mapped file; what it does with them is its own.
 */
final class InterleavedPass {
    /** What one side does with the packets held, and at the end of the capture. */
    interface Side {
        /** Takes packets {@code 0 .. c.n - 1} of the chunk. */
        void packets(InterleavedPass c) throws Throwable;

        void finish() throws Throwable;
    }

    final long[] offsets, ts, fileOffsets;
    final int[] capLens, wireLens, linkTypes;
    MemorySegment data;
    int n;
    private final Side a, b;
    private boolean bFirst;
    private final long[] cpu = new long[2];
    private Throwable failure;

    private InterleavedPass(int size, Side a, Side b) {
        this.a = a;
        this.b = b;
        offsets = new long[size];
        ts = new long[size];
        fileOffsets = new long[size];
        capLens = new int[size];
        wireLens = new int[size];
        linkTypes = new int[size];
    }

    /** One pass over {@code file}, {@code chunk} packets at a time: {A's CPU ns, B's CPU ns, packets}. */
    static long[] run(Path file, int chunk, Side a, Side b) throws Throwable {
        String source = file.toString();
        InterleavedPass c = new InterleavedPass(chunk, a, b);
        ReadResult result;
        try (CaptureReader reader = CaptureReader.open(file, source, QualitySink.DISCARD)) {
            result = reader.read(c::add);
            c.flush();
            if (c.failure != null) throw c.failure;
            c.cpu[0] += timed(a::finish);
            c.cpu[1] += timed(b::finish);
        }
        if (result.fault().isPresent()) throw new IllegalStateException(result.fault().get().message());
        return new long[] {c.cpu[0], c.cpu[1], result.packets()};
    }

    private interface Work {
        void run() throws Throwable;
    }

    private static long timed(Work w) throws Throwable {
        long t = CpuTime.now();
        w.run();
        return CpuTime.now() - t;
    }

    private void add(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType, long fileOffset) {
        // the reader hands out slices of one mapping; a new segment means a new mapping, so run what is held first
        if (n > 0 && data != this.data) flush();
        this.data = data;
        offsets[n] = offset;
        capLens[n] = capLen;
        wireLens[n] = wireLen;
        ts[n] = tsNanos;
        linkTypes[n] = linkType;
        fileOffsets[n] = fileOffset;
        if (++n == offsets.length) flush();
    }

    private void flush() {
        if (failure == null) {
            try {
                if (bFirst) {
                    cpu[1] += timed(() -> b.packets(this));
                    cpu[0] += timed(() -> a.packets(this));
                } else {
                    cpu[0] += timed(() -> a.packets(this));
                    cpu[1] += timed(() -> b.packets(this));
                }
            } catch (Throwable t) {
                failure = t; // the reader's callback cannot throw it; run() does
            }
        }
        bFirst = !bFirst;
        n = 0;
    }
}
