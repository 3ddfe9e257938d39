package dev.netproof.bench;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.source.pcap.CaptureReader;
import dev.netproof.source.pcap.ReadResult;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the application analyzers cost on the packet path, with the machine's drift taken out: two
 * pipelines in one thread, one with the analyzers off and one with them on ({@link PipelineBenchmark}'s
 * stages, up to the flow table), both fed every packet of the capture, a chunk of packets at a time.
 * Each chunk goes through both, the order alternating from chunk to chunk, and each side's CPU time is
 * summed over the chunks.
 *
 * <p>Why: {@link AnalyzerCost} compares whole passes, seconds apart, and on the shared benchmark VM the
 * same pass varies by up to 2x between minutes: its pairs' ratios ranged 0.55-1.04 in one run. Here the
 * two sides of a ratio are measured within milliseconds of each other, a thousand times a pass, so a
 * slow spell of the machine slows both alike. What differs from a real ingest: each chunk's packets are
 * read twice, and the second reader finds them in cache; the order alternates so that each side is
 * second half of the time. Both sides keep their own flow table and analyzers, so each sees the whole
 * capture in order, as an ingest does.
 *
 * <pre>
 * java -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     dev.netproof.bench.AnalyzerCostInterleaved bench/cache/synth-5000000-tls.pcap [PASSES=4] [CHUNK=20000]
 * </pre>
 * The first pass warms the JIT and is not counted; each later pass prints its ratio.
 */
public final class AnalyzerCostInterleaved {
    private AnalyzerCostInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AnalyzerCostInterleaved PCAP [PASSES=4] [CHUNK=20000]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        double[] ratios = new double[passes - 1];
        System.out.println("| pass | off: CPU ns a packet | on: CPU ns a packet | on keeps (off ÷ on) |");
        System.out.println("|---:|---:|---:|---:|");
        for (int i = 0; i < passes; i++) {
            long[] cpu = pass(file, chunk);
            double off = cpu[0] / (double) cpu[2], on = cpu[1] / (double) cpu[2];
            if (i == 0) {
                System.out.printf(Locale.ROOT, "| warm-up | %.0f | %.0f | %.3f |%n", off, on, off / on);
                continue;
            }
            ratios[i - 1] = off / on;
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.3f |%n", i, off, on, off / on);
        }
        System.out.printf(Locale.ROOT, "%nOn keeps %.3f of the off rate (median of %d passes; range %.3f-%.3f).%n",
                AnalyzerCost.median(ratios), ratios.length, Arrays.stream(ratios).min().orElse(0),
                Arrays.stream(ratios).max().orElse(0));
    }

    /** One pass over the file through both pipelines: {off CPU ns, on CPU ns, packets}. */
    static long[] pass(Path file, int chunk) throws Exception {
        String source = file.toString();
        PipelineBenchmark.Stages off = new PipelineBenchmark.Stages(source, true, false);
        PipelineBenchmark.Stages on = new PipelineBenchmark.Stages(source, true, true);
        Chunk c = new Chunk(chunk, off, on);
        ReadResult result;
        try (CaptureReader reader = CaptureReader.open(file, source, QualitySink.DISCARD)) {
            result = reader.read(c::add);
            c.run();
            long t = CpuTime.now();
            off.finish();
            c.cpu[0] += CpuTime.now() - t;
            t = CpuTime.now();
            on.finish();
            c.cpu[1] += CpuTime.now() - t;
        }
        if (result.fault().isPresent()) throw new IllegalStateException(result.fault().get().message());
        return new long[] {c.cpu[0], c.cpu[1], result.packets()};
    }

    /** Packets of one chunk (their place in the mapped file), then both pipelines over them. */
    private static final class Chunk {
        final PipelineBenchmark.Stages off, on;
        final long[] offsets, ts, fileOffsets;
        final int[] capLens, wireLens, linkTypes;
        MemorySegment data;
        int n;
        boolean onFirst;
        final long[] cpu = new long[2];

        Chunk(int size, PipelineBenchmark.Stages off, PipelineBenchmark.Stages on) {
            this.off = off;
            this.on = on;
            offsets = new long[size];
            ts = new long[size];
            fileOffsets = new long[size];
            capLens = new int[size];
            wireLens = new int[size];
            linkTypes = new int[size];
        }

        void add(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType, long fileOffset) {
            // The reader hands out slices of one mapping; a new segment means a new mapping, so run what is held first.
            if (n > 0 && data != this.data) run();
            this.data = data;
            offsets[n] = offset;
            capLens[n] = capLen;
            wireLens[n] = wireLen;
            ts[n] = tsNanos;
            linkTypes[n] = linkType;
            fileOffsets[n] = fileOffset;
            if (++n == offsets.length) run();
        }

        void run() {
            if (onFirst) {
                cpu[1] += through(on);
                cpu[0] += through(off);
            } else {
                cpu[0] += through(off);
                cpu[1] += through(on);
            }
            onFirst = !onFirst;
            n = 0;
        }

        private long through(PipelineBenchmark.Stages s) {
            long t = CpuTime.now();
            for (int i = 0; i < n; i++) s.flow(data, offsets[i], capLens[i], wireLens[i], ts[i], linkTypes[i], fileOffsets[i]);
            return CpuTime.now() - t;
        }
    }
}
