package dev.netproof.bench;

import dev.netproof.bench.internal.SyntheticTraffic;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.PacketDecoder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PacketDecoder#decode} over {@value #FRAMES} Ethernet frames held in one native segment,
 * laid out like a pcap file (a 16-byte record header before each frame), in a shuffled order of
 * the {@link SyntheticTraffic} mix: IPv4/TCP with options (SYN options, timestamps), IPv6/TCP,
 * VLAN-tagged IPv4, UDP/DNS over IPv4 and IPv6, with payloads of real sizes (60-1448 bytes). One
 * operation is one packet. {@link CpuTime} adds packets per CPU-second of the thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
public class DecoderBenchmark {
    static final int FRAMES = 8192;

    private Arena arena;
    private MemorySegment data;
    private final long[] offsets = new long[FRAMES];
    private final int[] lengths = new int[FRAMES];
    private final long[] times = new long[FRAMES];
    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket out = new DecodedPacket();

    @Setup
    public void setup() {
        SyntheticTraffic traffic = new SyntheticTraffic(1500, 1);
        List<long[]> all = new ArrayList<>(); // {flow, packet}
        for (int f = 0; f < traffic.flows(); f++) {
            for (int r = 0; r < traffic.packets(f); r++) all.add(new long[] {f, r});
        }
        if (all.size() < FRAMES) throw new IllegalStateException("too few frames: " + all.size());
        Collections.shuffle(all, new Random(1));
        arena = Arena.ofShared();
        data = arena.allocate((long) FRAMES * (16 + SyntheticTraffic.MAX_FRAME), 8);
        long at = 0;
        for (int i = 0; i < FRAMES; i++) {
            at += 16; // where a pcap record header would be
            int len = traffic.frame((int) all.get(i)[0], (int) all.get(i)[1], data, at);
            offsets[i] = at;
            lengths[i] = len;
            times[i] = 1_700_000_000_000_000_000L + i * 1000L;
            at += len;
        }
        for (int i = 0; i < FRAMES; i++) {
            decoder.decode(data, offsets[i], lengths[i], lengths[i], times[i], LinkTypes.ETHERNET, out);
            if (out.error != DecodeError.NONE || !out.hasPorts) {
                throw new IllegalStateException("frame " + i + " did not decode: " + out.error);
            }
        }
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode(CpuTime cpu) {
        final long start = CpuTime.now();
        final PacketDecoder d = decoder;
        final DecodedPacket p = out;
        final MemorySegment m = data;
        long acc = 0;
        for (int i = 0; i < FRAMES; i++) {
            int len = lengths[i];
            d.decode(m, offsets[i], len, len, times[i], LinkTypes.ETHERNET, p);
            acc += p.srcPort + p.payloadLen + p.tcpFlags;
        }
        cpu.add(FRAMES, start);
        return acc;
    }
}
