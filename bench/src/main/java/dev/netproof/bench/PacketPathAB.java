package dev.netproof.bench;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two builds of the packet path compared in one process: each benchmarks jar is loaded by a class loader of
 * its own, and both are fed every packet of the capture, a chunk at a time, the order alternating from chunk
 * to chunk, as {@link AnalyzerCostInterleaved} does for the analyzers. Each side's CPU time is summed.
 *
 * <p>Why: on the shared benchmark VM one JMH run of the packet path varies by 20-30% from the next (313 and
 * 418 CPU ns a packet for the same build within half an hour), so a change worth a few percent cannot be
 * told from the drift by runs minutes apart. Here the two sides of a ratio are measured milliseconds apart.
 * Each side has its own classes, so the JIT compiles and profiles each build on its own; what they share
 * is the machine's caches, which is the point. The packets come from one mapping, read here; each side
 * decodes them itself ({@link PipelineBenchmark}'s stages: decode, the decode ledger, the flow table, and
 * with {@code ANALYZERS=true} the application analyzers, their records counted).
 *
 * <pre>
 * git worktree add /tmp/old OLD_COMMIT &amp;&amp; (cd /tmp/old &amp;&amp; mvn -q -o package -DskipTests -pl bench -am)
 * mvn -q -o package -DskipTests -pl bench -am
 * java -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     dev.netproof.bench.PacketPathAB /tmp/old/bench/target/benchmarks.jar bench/target/benchmarks.jar \
 *     bench/cache/synth-5000000.pcap [PASSES=6] [TCP_ANALYSIS=false] [ANALYZERS=false] [CHUNK=20000]
 * </pre>
 * Run it with the machine to itself: beside a {@code .ci/run}, every pass of a run leaned 2-5% to the same side, and
 * alone the same two builds gave 1.000 (BENCHMARKS.md, 2026-11-28).
 * Build both jars with {@code -am}, from the reactor: {@code -pl bench} alone packs whatever modules the local
 * Maven repository holds, which may be older than the sources (a 7% "gain" this way was a stale baseline).
 * The first pass warms the JIT and is not counted; each later pass prints both sides' CPU ns a packet and
 * B's time as a share of A's (below 1: B is faster).
 */
public final class PacketPathAB {
    private PacketPathAB() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 3) {
            System.err.println("usage: PacketPathAB A.jar B.jar PCAP [PASSES=6] [TCP_ANALYSIS=false] [ANALYZERS=false] [CHUNK=20000]");
            System.exit(2);
        }
        Side a = Side.load(Path.of(args[0]), "A");
        Side b = Side.load(Path.of(args[1]), "B");
        Path file = Path.of(args[2]);
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        boolean tcpAnalysis = args.length > 4 && Boolean.parseBoolean(args[4]);
        boolean analyzers = args.length > 5 && Boolean.parseBoolean(args[5]);
        int chunk = args.length > 6 ? Integer.parseInt(args[6]) : 20_000;
        System.out.printf(Locale.ROOT, "A: %s%nB: %s%ncapture: %s, TCP analysis %s, analyzers %s, chunks of %d packets%n%n",
                args[0], args[1], file, tcpAnalysis ? "on" : "off", analyzers ? "on" : "off", chunk);
        System.out.println("| pass | A: CPU ns a packet | B: CPU ns a packet | B ÷ A |");
        System.out.println("|---:|---:|---:|---:|");
        double[] shares = new double[passes - 1];
        for (int i = 0; i < passes; i++) {
            long[] r = pass(file, a, b, tcpAnalysis, analyzers, chunk);
            double na = r[0] / (double) r[2], nb = r[1] / (double) r[2];
            if (i > 0) shares[i - 1] = nb / na;
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.3f |%n", i == 0 ? "warm-up" : Integer.toString(i), na, nb,
                    nb / na);
        }
        System.out.printf(Locale.ROOT, "%nB takes %.3f of A's CPU time (median of %d passes; range %.3f-%.3f).%n",
                AnalyzerCost.median(shares), shares.length, Arrays.stream(shares).min().orElse(0),
                Arrays.stream(shares).max().orElse(0));
    }

    /** One pass over the file through both builds: {A CPU ns, B CPU ns, packets}. */
    static long[] pass(Path file, Side a, Side b, boolean tcpAnalysis, boolean analyzers, int chunk) throws Throwable {
        String source = file.toString();
        return pass(file, a, a.stages(source, tcpAnalysis, analyzers), b, b.stages(source, tcpAnalysis, analyzers), chunk);
    }

    /** As above, through stages {@code sa} and {@code sb} made by {@link Side#stages}. */
    static long[] pass(Path file, Side a, Object sa, Side b, Object sb, int chunk) throws Throwable {
        return InterleavedPass.run(file, chunk, a.over(sa), b.over(sb));
    }

    /** One build's {@code PipelineBenchmark.Stages}, reached through its own class loader. */
    record Side(String name, MethodHandle create, MethodHandle flow, MethodHandle finish) {
        static Side load(Path jar, String name) throws ReflectiveOperationException, java.io.IOException {
            if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("no jar at " + jar);
            return load(new URL[] {jar.toUri().toURL()}, name);
        }

        /** A build from {@code classPath} (jars or class directories). */
        static Side load(URL[] classPath, String name) throws ReflectiveOperationException {
            // the platform loader as parent: the build's own classes, none of the harness's
            ClassLoader loader = new URLClassLoader(name, classPath, ClassLoader.getPlatformClassLoader());
            Class<?> stages = Class.forName("dev.netproof.bench.PipelineBenchmark$Stages", true, loader);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(stages, MethodHandles.lookup());
            MethodHandle create = lookup.findConstructor(stages, MethodType.methodType(void.class, String.class,
                    boolean.class, boolean.class)).asType(MethodType.methodType(Object.class, String.class,
                    boolean.class, boolean.class));
            MethodHandle flow = lookup.findVirtual(stages, "flow", MethodType.methodType(void.class, MemorySegment.class,
                    long.class, int.class, int.class, long.class, int.class, long.class))
                    .asType(MethodType.methodType(void.class, Object.class, MemorySegment.class, long.class, int.class,
                            int.class, long.class, int.class, long.class));
            MethodHandle finish = lookup.findVirtual(stages, "finish", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            return new Side(name, create, flow, finish);
        }

        Object stages(String source, boolean tcpAnalysis, boolean analyzers) throws Throwable {
            return create.invokeExact(source, tcpAnalysis, analyzers);
        }

        /** {@code stages} as one side of an {@link InterleavedPass}. */
        InterleavedPass.Side over(Object stages) {
            return new InterleavedPass.Side() {
                @Override
                public void packets(InterleavedPass c) throws Throwable {
                    for (int i = 0; i < c.n; i++) {
                        flow.invokeExact(stages, c.data, c.offsets[i], c.capLens[i], c.wireLens[i], c.ts[i],
                                c.linkTypes[i], c.fileOffsets[i]);
                    }
                }

                @Override
                public void finish() throws Throwable {
                    Side.this.finish.invokeExact(stages);
                }
            };
        }
    }
}
