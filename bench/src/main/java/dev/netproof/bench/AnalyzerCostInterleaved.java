package dev.netproof.bench;

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

    public static void main(String[] args) throws Throwable {
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
    static long[] pass(Path file, int chunk) throws Throwable {
        String source = file.toString();
        return InterleavedPass.run(file, chunk, side(new PipelineBenchmark.Stages(source, true, false)),
                side(new PipelineBenchmark.Stages(source, true, true)));
    }

    private static InterleavedPass.Side side(PipelineBenchmark.Stages s) {
        return new InterleavedPass.Side() {
            @Override
            public void packets(InterleavedPass c) {
                for (int i = 0; i < c.n; i++) {
                    s.flow(c.data, c.offsets[i], c.capLens[i], c.wireLens[i], c.ts[i], c.linkTypes[i], c.fileOffsets[i]);
                }
            }

            @Override
            public void finish() {
                s.finish();
            }
        };
    }
}
