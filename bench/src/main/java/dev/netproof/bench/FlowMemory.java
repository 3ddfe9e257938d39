package dev.netproof.bench;

import dev.netproof.bench.internal.CountingFlowSink;
import dev.netproof.bench.internal.SyntheticTraffic;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.FlowCounter;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.stream.Collectors;

/**
 * Heap held per live flow: fills a {@link FlowTable} with exactly {@code flows} live conversations
 * (default 1,000,000; table bound {@code maxFlows}, default 2^20) and compares the used heap after
 * several full GCs before and after. Not a JMH benchmark: one measurement of retained size.
 *
 * <p>Each flow gets the first four packets of its {@link SyntheticTraffic} script (TCP: SYN,
 * SYN-ACK, ACK, request; DNS: query and answer), one packet per microsecond of capture time, so no
 * flow closes or times out. Packets are decoded one at a time into one scratch {@link DecodedPacket},
 * so nothing but the table is retained.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar -XX:+UseParallelGC dev.netproof.bench.FlowMemory [flows] [maxFlows]
 * </pre>
 */
public final class FlowMemory {
    private FlowMemory() {
    }

    /** Arguments: [flows] [maxFlows] [no-tcp-analysis]. */
    public static void main(String[] args) throws InterruptedException {
        int flows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int maxFlows = args.length > 1 ? Integer.parseInt(args[1]) : 1 << 20;
        if (maxFlows < flows) throw new IllegalArgumentException("maxFlows " + maxFlows + " < flows " + flows);

        SyntheticTraffic traffic = new SyntheticTraffic(flows, 1);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        CountingFlowSink sink = new CountingFlowSink();
        boolean tcpAnalysis = args.length <= 2 || !args[2].equals("no-tcp-analysis");
        FlowTableConfig config = FlowTableConfig.defaults().withMaxFlows(maxFlows).withTcpAnalysis(tcpAnalysis);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        long before = settledUsedHeap(memory);
        FlowTable table = new FlowTable(config, "memory", sink, QualitySink.DISCARD);
        long[] n = {0};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = arena.allocate(SyntheticTraffic.MAX_FRAME);
            traffic.roundRobin(4, scratch, (frame, len, f, r) -> {
                decoder.decode(frame, 0, len, len, 1_700_000_000_000_000_000L + n[0]++ * 1000L, LinkTypes.ETHERNET, p);
                if (p.error != DecodeError.NONE) throw new IllegalStateException("flow " + f + ": " + p.error);
                table.accept(p);
            });
        }
        long after = settledUsedHeap(memory);

        int live = table.liveFlows();
        long evicted = table.counters().total(FlowCounter.EVICTED);
        long gone = sink.flows();
        long retained = after - before;
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        System.out.printf("packets=%d live_flows=%d live_tcp=%d tcp_analysis=%b max_flows=%d emitted=%d evicted=%d gc=[%s] max_heap_MB=%d%n",
                n[0], live, table.liveTcpConnections(), tcpAnalysis, maxFlows, gone, evicted, gcs,
                memory.getHeapMemoryUsage().getMax() >> 20);
        System.out.printf("used_heap_before=%d used_heap_after=%d retained=%d bytes%n", before, after, retained);
        System.out.printf("bytes_per_live_flow=%.1f (measured: retained heap / live flows)%n", (double) retained / live);
        System.out.printf("memoryBytes=%d bytes_per_live_flow_memoryBytes=%.1f (FlowTable.memoryBytes() / live flows)%n",
                table.memoryBytes(), (double) table.memoryBytes() / live);
        Reference.reachabilityFence(table);
        if (live != flows || evicted != 0 || gone != 0) {
            System.err.println("FlowMemory: expected " + flows + " live flows, none emitted; got " + live
                    + " live, " + gone + " emitted");
            System.exit(1);
        }
    }

    /** Used heap after full GCs, once two readings in a row agree within 64 KiB (at most 10 GCs). */
    private static long settledUsedHeap(MemoryMXBean memory) throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(used - last) < 64 * 1024) return used;
            last = used;
        }
        return last;
    }
}
