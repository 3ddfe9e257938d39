package dev.netproof.bench;

import dev.netproof.bench.internal.CountingFlowSink;
import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.flow.Analyzers;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.source.pcap.CaptureReader;
import dev.netproof.source.pcap.PacketSink;
import dev.netproof.source.pcap.ReadResult;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ingest hot path without the store, on one thread: a pcap file mapped by {@link CaptureReader},
 * each packet decoded by {@link PacketDecoder} and counted in the decode ledger (as the app's decode
 * stage does), then put into a {@link FlowTable} with the default settings; finished rows go to a
 * counting sink, ledger rows are discarded.
 *
 * <p>One invocation is one pass over the whole file. The primary score is passes per second; the
 * secondary {@code packets} score (an {@link AuxCounters} counter) is packets per second, the figure
 * to quote. {@code -p upTo=read,decode,flow} splits the cost by stage (default {@code flow}, the
 * whole path). {@link CpuTime} adds packets per CPU-second of this thread (threads the reader may
 * start are not counted). {@code -p pcap=FILE} picks the file (classic pcap or pcapng).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
public class PipelineBenchmark {
    /** Metrics of the decode ledger, as the app counts them. */
    enum DecodeMetric { PACKETS, DECODED, NON_IP, ERRORS, TRUNCATED }

    @Param("bench/cache/synth-5000000.pcap")
    public String pcap;

    /** How far each packet goes: {@code read} (reader only), {@code decode} (and decode), {@code flow} (and flow table). */
    @Param("flow")
    public String upTo;

    /** TCP health analysis in the flow table ({@code -p tcpAnalysis=true,false} measures what it costs). */
    @Param("true")
    public boolean tcpAnalysis;

    /**
     * The application analyzers (DNS, HTTP/1.x, TLS and the TCP reassembly they read) after the flow
     * table, their records counted ({@code -p analyzers=false,true} measures what they cost).
     */
    @Param("false")
    public boolean analyzers;

    private Path file;

    /** Packets delivered, per second of measurement. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Packets {
        public long packets;

        @Setup(Level.Iteration)
        public void reset() {
            packets = 0;
        }
    }

    @Setup
    public void setup() {
        file = Path.of(pcap);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no capture at " + file.toAbsolutePath());
    }

    @Benchmark
    public long pipeline(Packets counter, CpuTime cpu) throws Exception {
        final long start = CpuTime.now();
        Stages stages = pass(file, upTo, tcpAnalysis, analyzers);
        counter.packets += stages.packets;
        cpu.add(stages.packets, start);
        return stages.flows.flows() + stages.bytes + stages.records;
    }

    /** One pass over {@code file}, packets going up to {@code upTo}; the stages say what they saw. */
    static Stages pass(Path file, String upTo, boolean tcpAnalysis, boolean analyzers) throws Exception {
        String source = file.toString();
        Stages stages = new Stages(source, tcpAnalysis, analyzers);
        PacketSink sink = switch (upTo) {
            case "read" -> stages::read;
            case "decode" -> stages::decode;
            case "flow" -> stages::flow;
            default -> throw new IllegalArgumentException("upTo must be read, decode or flow: " + upTo);
        };
        ReadResult result;
        try (CaptureReader reader = CaptureReader.open(file, source, QualitySink.DISCARD)) {
            result = reader.read(sink);
            stages.finish();
        }
        if (result.fault().isPresent()) throw new IllegalStateException(result.fault().get().message());
        stages.packets = result.packets();
        return stages;
    }

    /** The per-packet work of each stage, as the app's ingest does it (minus the store). */
    static final class Stages {
        final PacketDecoder decoder = new PacketDecoder();
        final DecodedPacket p = new DecodedPacket();
        final StageCounters decodeLedger;
        final StageCounters errors;
        final CountingFlowSink flows = new CountingFlowSink();
        final FlowTable table;
        final Analyzers apps;
        long bytes;
        long records;
        long packets;

        Stages(String source, boolean tcpAnalysis, boolean analyzers) {
            decodeLedger = new StageCounters(source, "decode", DecodeMetric.class, QualitySink.DISCARD);
            errors = new StageCounters(source, "decode", "error.", DecodeError.class, QualitySink.DISCARD);
            table = new FlowTable(FlowTableConfig.defaults().withTcpAnalysis(tcpAnalysis), source, flows, QualitySink.DISCARD);
            apps = analyzers ? new Analyzers(table, source, QualitySink.DISCARD,
                    new Analyzers.Sinks(e -> records++, e -> records++, e -> records++, true)) : null;
        }

        /** Reading only: the record headers; the packet bytes are not touched. */
        void read(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType, long fileOffset) {
            bytes += capLen;
        }

        /** Read and decode, with the decode ledger's counts (as the app's {@code DecodeStage}). */
        void decode(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType,
                    long fileOffset) {
            decoder.decode(data, offset, capLen, wireLen, tsNanos, linkType, p);
            long sec = Math.floorDiv(tsNanos, 1_000_000_000L);
            decodeLedger.at(sec);
            errors.at(sec);
            decodeLedger.inc(DecodeMetric.PACKETS);
            DecodeError e = p.error;
            if (e == DecodeError.NONE || e == DecodeError.FRAGMENT_NO_PORTS) {
                decodeLedger.inc(DecodeMetric.DECODED);
            } else if (e == DecodeError.NON_IP) {
                decodeLedger.inc(DecodeMetric.NON_IP);
            } else {
                decodeLedger.inc(DecodeMetric.ERRORS);
                errors.inc(e);
            }
            if (p.truncated) decodeLedger.inc(DecodeMetric.TRUNCATED);
        }

        /** Read, decode and the flow table: the figure of the target. */
        void flow(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType, long fileOffset) {
            decode(data, offset, capLen, wireLen, tsNanos, linkType, fileOffset);
            table.accept(p);
            if (apps != null) apps.accept(data, offset, p, table);
        }

        void finish() {
            table.finish();
            if (apps != null) apps.finish();
            decodeLedger.flush();
            errors.flush();
        }
    }
}
