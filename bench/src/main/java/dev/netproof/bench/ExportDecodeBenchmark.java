package dev.netproof.bench;

import dev.netproof.bench.internal.ExportDatagrams;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Sample;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.FlowExports;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link FlowExports#decode} alone, store excluded: the first {@value #DATAGRAMS} datagrams of a
 * capture of softflowd's export of the bench capture (NetFlow v9 or IPFIX, about 29 records each, as
 * {@code bench/collect.sh} makes them in {@code bench/cache/}), held in one native segment and decoded
 * in a loop by one {@link FlowExports} (templates learned on the first pass stay). The sink counts and
 * drops every record. One operation is one datagram; the {@code records} counter is decoded flow
 * records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
public class ExportDecodeBenchmark {
    static final int DATAGRAMS = 4096;

    @Param({"bench/cache/sf-v9.pcap", "bench/cache/sf-ipfix.pcap"})
    public String pcap;

    private Arena arena;
    private MemorySegment data;
    private final long[] offsets = new long[DATAGRAMS];
    private final int[] lengths = new int[DATAGRAMS];
    private final IpAddress source = IpAddress.ofV4(0x7f000001);
    private FlowExports exports;
    private Counting sink;

    /** Records per second, beside JMH's datagrams per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Records {
        public long records;

        @Setup(Level.Iteration)
        public void clear() {
            records = 0;
        }
    }

    static final class Counting implements ExportSink {
        Blackhole bh;
        long flows;

        @Override
        public void header(ExportHeader header) {
        }

        @Override
        public void flow(ExportedFlow flow) {
            flows++;
            bh.consume(flow);
        }

        @Override
        public void sample(Sample sample) {
            flows++;
        }
    }

    @Setup
    public void setup(Blackhole bh) throws Exception {
        List<byte[]> all = ExportDatagrams.load(Path.of(pcap)).payloads();
        if (all.size() < DATAGRAMS) throw new IllegalStateException(pcap + ": too few datagrams: " + all.size());
        long total = 0;
        for (int i = 0; i < DATAGRAMS; i++) total += all.get(i).length;
        arena = Arena.ofConfined();
        data = arena.allocate(total, 8);
        long pos = 0;
        for (int i = 0; i < DATAGRAMS; i++) {
            byte[] p = all.get(i);
            MemorySegment.copy(MemorySegment.ofArray(p), 0, data, pos, p.length);
            offsets[i] = pos;
            lengths[i] = p.length;
            pos += p.length;
        }
        exports = new FlowExports("bench", QualitySink.DISCARD);
        sink = new Counting();
        sink.bh = bh;
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < DATAGRAMS; i++) exports.decode(data, offsets[i], lengths[i], source, 2055, now, sink);
        if (sink.flows == 0) throw new IllegalStateException(pcap + ": no flow decoded");
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(DATAGRAMS)
    public void decode(Records r) {
        long before = sink.flows;
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < DATAGRAMS; i++) exports.decode(data, offsets[i], lengths[i], source, 2055, now, sink);
        r.records += sink.flows - before;
    }
}
