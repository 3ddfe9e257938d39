package dev.netproof.bench;

import dev.netproof.bench.internal.CountingFlowSink;
import dev.netproof.bench.internal.SyntheticTraffic;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link FlowTable#accept} over a precomputed array of {@link DecodedPacket}s: every packet of
 * {@code flows} distinct conversations of the {@link SyntheticTraffic} mix (TCP connections with
 * handshake, data and FIN each way; DNS query and answer), about 8 packets a flow, in round-robin
 * order so that all {@code flows} are live at once and each packet touches a random flow. Capture
 * time advances 1 µs a packet, so idle timeouts never fire and closed TCP flows leave after the
 * 5 s linger (only with a million flows).
 *
 * <p>One operation is one packet. When the array is used up, {@link FlowTable#finish()} emits every
 * flow and a fresh table starts over, inside the measurement: so the figure includes building each
 * flow's row once and the table's growth from its initial size, as in a real run. The sink counts.
 *
 * <p>A million flows hold about 8 million {@code DecodedPacket}s (1.6 GB) live; the fixed 10 GB heap
 * keeps full collections of that array out of the measurement (each finished table is 0.2 GB of
 * old-generation garbage).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
public class FlowTableBenchmark {
    static final int CHUNK = 1 << 16;
    static final long T0 = 1_700_000_000_000_000_000L;

    @Param({"100000", "1000000"})
    public int flows;

    private DecodedPacket[] packets;
    private int next;
    private FlowTable table;
    private FlowTableConfig config;
    private final CountingFlowSink sink = new CountingFlowSink();

    @Setup
    public void setup() {
        packets = decodeAll(new SyntheticTraffic(flows, 1));
        config = FlowTableConfig.defaults().withMaxFlows(Math.max(1 << 20, Integer.highestOneBit(flows) << 1));
        table = newTable();
    }

    /** Every packet of every flow, round-robin, decoded into its own {@link DecodedPacket}. */
    static DecodedPacket[] decodeAll(SyntheticTraffic traffic) {
        List<DecodedPacket> list = new ArrayList<>(traffic.flows() * 8);
        PacketDecoder decoder = new PacketDecoder();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = arena.allocate(SyntheticTraffic.MAX_FRAME);
            traffic.roundRobin(SyntheticTraffic.MAX_PACKETS, scratch, (frame, len, f, r) -> {
                DecodedPacket p = new DecodedPacket();
                decoder.decode(frame, 0, len, len, T0 + list.size() * 1000L, LinkTypes.ETHERNET, p);
                if (p.error != DecodeError.NONE) throw new IllegalStateException("flow " + f + " packet " + r + ": " + p.error);
                list.add(p);
            });
        }
        return list.toArray(new DecodedPacket[0]);
    }

    private FlowTable newTable() {
        return new FlowTable(config, "bench", sink, QualitySink.DISCARD);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public FlowTable accept(CpuTime cpu) {
        final long start = CpuTime.now();
        final DecodedPacket[] ps = packets;
        FlowTable t = table;
        int i = next;
        for (int n = 0; n < CHUNK; n++) {
            if (i == ps.length) {
                t.finish();
                t = table = newTable();
                i = 0;
            }
            t.accept(ps[i++]);
        }
        next = i;
        cpu.add(CHUNK, start);
        return t;
    }
}
