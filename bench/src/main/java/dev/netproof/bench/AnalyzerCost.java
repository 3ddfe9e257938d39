package dev.netproof.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the application analyzers cost on the packet path, measured in pairs: passes over one capture
 * with the analyzers off and on ({@link PipelineBenchmark}'s stages, up to the flow table), alternating
 * in one warmed JVM, each pass timed by this thread's CPU time.
 *
 * <p>Why pairs rather than JMH's separate forks: on the shared benchmark VM the same pass varies by
 * up to 1.5× from one minute to the next, far more than the difference measured. Two neighbouring
 * passes see nearly the same machine, so the ratio within a pair is steady even when the passes are
 * not; the median of the pairs' ratios is issue 4's figure (on ≥ 0.70 of off). The order within a pair
 * alternates, so that neither side always runs second.
 *
 * <pre>
 * java -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     dev.netproof.bench.AnalyzerCost bench/cache/synth-5000000-tls.pcap [PAIRS] [WARMUP_PAIRS]
 * </pre>
 */
public final class AnalyzerCost {
    private AnalyzerCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AnalyzerCost PCAP [PAIRS=8] [WARMUP_PAIRS=3]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int i = 0; i < warmup; i++) {
            nanosPerPacket(file, false);
            nanosPerPacket(file, true);
        }
        double[] off = new double[pairs], on = new double[pairs], ratio = new double[pairs];
        System.out.println("| pair | off: CPU ns a packet | on: CPU ns a packet | on keeps (off ÷ on) |");
        System.out.println("|---:|---:|---:|---:|");
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                off[i] = nanosPerPacket(file, false);
                on[i] = nanosPerPacket(file, true);
            } else {
                on[i] = nanosPerPacket(file, true);
                off[i] = nanosPerPacket(file, false);
            }
            ratio[i] = off[i] / on[i];
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.3f |%n", i + 1, off[i], on[i], ratio[i]);
        }
        System.out.printf(Locale.ROOT, "%nMedians: off %.0f, on %.0f CPU ns a packet; on keeps %.3f of the off rate "
                + "(median of the pairs' ratios; range %.3f-%.3f).%n", median(off), median(on), median(ratio),
                Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
    }

    private static double nanosPerPacket(Path file, boolean analyzers) throws Exception {
        long start = CpuTime.now();
        PipelineBenchmark.Stages stages = PipelineBenchmark.pass(file, "flow", true, analyzers);
        return (double) (CpuTime.now() - start) / stages.packets;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
