package dev.netproof.app.ingest;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.ExporterSnapshot;
import dev.netproof.core.model.Sample;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.FlowExports;
import dev.netproof.source.flow.exporter.Exporters;
import java.util.List;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.flow.FlowSink;
import dev.netproof.flow.FlowTable;
import dev.netproof.flow.Analyzers;
import dev.netproof.flow.FlowTableConfig;
import dev.netproof.flow.dns.PassiveDns;
import dev.netproof.packetstore.PacketStore;
import dev.netproof.packetstore.PacketWriter;
import dev.netproof.source.pcap.CaptureOpenException;
import dev.netproof.source.pcap.CaptureReader;
import dev.netproof.source.pcap.ReadResult;
import dev.netproof.store.StoreException;
import dev.netproof.store.StoreWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads one capture file through decode and the flow table into the store: the whole of
 * {@code netproof ingest} for one file, on the calling thread (the store writes on its own).
 */
public final class IngestPipeline {
    private final FlowTableConfig flowConfig;
    private final Progress.Mode progressMode;
    private final PrintStream progressOut;
    private boolean dns = true;
    private boolean http = true;
    private boolean tls = true;
    private boolean redact = true;
    private boolean exports = true;
    private List<Integer> exportPorts = ExportTap.DEFAULT_PORTS;
    private boolean exportAnyPort;
    private PacketStore packets;
    private Map<String, Long> packetTotals = Map.of();

    /**
     * Where an ingest's records go: flows, ledger rows, each analyzer's transactions, and what flow
     * exports in the capture carried (records, metric samples, and at the end the exporters' account).
     */
    public record Outputs(FlowSink flows, QualitySink quality, Consumer<DnsEvent> dns, Consumer<HttpEvent> http,
                          Consumer<TlsEvent> tls, Consumer<ExportedFlow> exported, Consumer<Sample> samples,
                          Consumer<List<ExporterSnapshot>> exporters) {
        /** Flows and ledger rows only; transactions and exports are dropped. */
        public static Outputs of(FlowSink flows, QualitySink quality) {
            return new Outputs(flows, quality, e -> {}, e -> {}, e -> {}, e -> {}, e -> {}, e -> {});
        }

        public Outputs withDns(Consumer<DnsEvent> sink) {
            return new Outputs(flows, quality, sink, http, tls, exported, samples, exporters);
        }

        public Outputs withHttp(Consumer<HttpEvent> sink) {
            return new Outputs(flows, quality, dns, sink, tls, exported, samples, exporters);
        }

        public Outputs withTls(Consumer<TlsEvent> sink) {
            return new Outputs(flows, quality, dns, http, sink, exported, samples, exporters);
        }

        public Outputs withExports(Consumer<ExportedFlow> records, Consumer<Sample> points,
                                   Consumer<List<ExporterSnapshot>> account) {
            return new Outputs(flows, quality, dns, http, tls, records, points, account);
        }
    }

    public IngestPipeline(FlowTableConfig flowConfig, Progress.Mode progressMode, PrintStream progressOut) {
        this.flowConfig = flowConfig;
        this.progressMode = progressMode;
        this.progressOut = progressOut;
    }

    /** Turns the DNS analyzer on (the default) or off. */
    public IngestPipeline dns(boolean on) {
        this.dns = on;
        return this;
    }

    /** Turns the HTTP/1.x analyzer on (the default) or off. */
    public IngestPipeline http(boolean on) {
        this.http = on;
        return this;
    }

    /** Turns the TLS handshake analyzer on (the default) or off. */
    public IngestPipeline tls(boolean on) {
        this.tls = on;
        return this;
    }

    /**
     * Whether the HTTP analyzer withholds secrets (the default): credential header values, token-like
     * URI parameters, card numbers. Off keeps URIs as sent.
     */
    public IngestPipeline redact(boolean on) {
        this.redact = on;
        return this;
    }

    /**
     * Whether flow-export datagrams in the capture (NetFlow, IPFIX, sFlow) are decoded into exported
     * records (the default), on which UDP ports, and whether any other port is tried too when a
     * datagram starts like one ({@link ExportTap}).
     */
    public IngestPipeline exports(boolean on, List<Integer> ports, boolean anyPort) {
        this.exports = on;
        this.exportPorts = List.copyOf(ports);
        this.exportAnyPort = anyPort;
        return this;
    }

    /** Stores every packet read in {@code store} (null: packets are not stored). */
    public IngestPipeline packets(PacketStore store) {
        this.packets = store;
        return this;
    }

    /** The packet store's ledger totals of the last file ingested (empty without a packet store). */
    public Map<String, Long> packetTotals() {
        return packetTotals;
    }

    /**
     * Ingests {@code file}. A fault in the middle of the file stops reading there; everything before
     * it has been decoded, put into flows and handed to the writer, and the report names the fault.
     *
     * @throws CaptureOpenException when the file cannot be opened (missing, a directory, unreadable); a file
     *                              that is not a capture is reported as the result's fault instead
     */
    public IngestReport run(Path file, StoreWriter writer) throws CaptureOpenException, StoreException {
        long start = System.nanoTime();
        String source = file.toString();
        writer.stopProducerOnFailure();
        IngestReport r;
        try {
            r = run(file, new Outputs(writer::add, writer::add, writer::add, writer::add, writer::add, writer::add,
                    writer::add, account -> writer.exporters(source, account)), writer::inputOffset);
        } catch (StoreWriter.Stopped stopped) {
            writer.drain(); // throws the writer's failure
            throw new StoreException("the store writer stopped", stopped);
        }
        writer.drain(); // the report's time includes the store catching up: nothing is counted as done before it is stored
        return r.withElapsed(System.nanoTime() - start);
    }

    /**
     * Ingests {@code file} into any flow sink and ledger sink (tests use lists; {@code ingest} the store).
     *
     * @throws CaptureOpenException when the file cannot be opened (missing, a directory, unreadable); a file
     *                              that is not a capture is reported as the result's fault instead
     */
    public IngestReport run(Path file, FlowSink flowSink, QualitySink quality) throws CaptureOpenException {
        return run(file, Outputs.of(flowSink, quality));
    }

    /** As {@link #run(Path, FlowSink, QualitySink)}, with the DNS transactions to {@code dnsSink}. */
    public IngestReport run(Path file, FlowSink flowSink, QualitySink quality, Consumer<DnsEvent> dnsSink)
            throws CaptureOpenException {
        return run(file, Outputs.of(flowSink, quality).withDns(dnsSink));
    }

    /** Ingests {@code file} into {@code out}. */
    public IngestReport run(Path file, Outputs out) throws CaptureOpenException {
        return run(file, out, position -> {});
    }

    /** As {@link #run(Path, Outputs)}, telling {@code position} how to read how far the file has been read. */
    private IngestReport run(Path file, Outputs out, Consumer<java.util.function.LongSupplier> position)
            throws CaptureOpenException {
        FlowSink flowSink = out.flows();
        QualitySink quality = out.quality();
        String source = file.toString();
        AtomicLong flows = new AtomicLong();
        long start = System.nanoTime();
        packetTotals = Map.of();
        try (CaptureReader reader = CaptureReader.open(file, source, quality);
             PacketWriter packetWriter = packets == null ? null : packets.writer(source, quality)) {
            position.accept(reader::position);
            DecodeStage decode = new DecodeStage(source, quality);
            // flows are emitted from inside the table, so the analyzers (made after it) are reached through a holder
            Analyzers[] holder = new Analyzers[1];
            FlowTable table = new FlowTable(flowConfig, source, f -> {
                flows.incrementAndGet();
                PassiveDns names = holder[0] == null ? null : holder[0].names();
                flowSink.accept(names == null ? f : names.annotate(f));
            }, quality);
            Analyzers analyzers = new Analyzers(table, source, quality, new Analyzers.Sinks(dns ? out.dns() : null,
                    http ? out.http() : null, tls ? out.tls() : null, redact));
            holder[0] = analyzers;
            Analyzers apps = analyzers.any() ? analyzers : null;
            FlowExports exportDecoders = new FlowExports(source, quality);
            Exporters exporterAccount = new Exporters(quality);
            long[] exportCounts = new long[2];
            ExportTap tap = !exports ? null : new ExportTap(exportPorts, exportAnyPort, exportDecoders,
                    exporterAccount.tracking(new ExportSink() {
                        @Override
                        public void header(ExportHeader header) {
                        }

                        @Override
                        public void flow(ExportedFlow flow) {
                            exportCounts[0]++;
                            out.exported().accept(flow);
                        }

                        @Override
                        public void sample(Sample sample) {
                            exportCounts[1]++;
                            out.samples().accept(sample);
                        }
                    }));
            PacketTap packetTap = packetWriter == null ? null : new PacketTap(packetWriter, table);
            ReadResult result;
            PacketCount count = new PacketCount();
            try (Progress progress = new Progress(progressOut, progressMode, file.getFileName().toString(),
                    reader.size(), reader::position, count::published)) {
                result = reader.read((data, offset, capLen, wireLen, tsNanos, linkType, fileOffset) -> {
                    DecodedPacket p = decode.decode(data, offset, capLen, wireLen, tsNanos, linkType);
                    table.accept(p);
                    if (packetTap != null) packetTap.accept(data, offset, capLen, wireLen, tsNanos, linkType, p);
                    if (apps != null) apps.accept(data, offset, p, table);
                    if (tap != null) tap.accept(data, offset, p);
                    count.inc();
                });
                count.publish();
            }
            table.finish(); // first: it ends the TCP connections, whose analyzers may still emit
            analyzers.finish();
            decode.flush();
            Map<String, Map<String, Long>> exportTotals = Map.of();
            if (tap != null) {
                exportDecoders.flush();
                exporterAccount.flush();
                exportDecoders.reportTemplates(exporterAccount);
                if (tap.datagrams() > 0) out.exporters().accept(exporterAccount.snapshot());
                exportTotals = exportDecoders.totals();
            }
            if (packetWriter != null) {
                packetWriter.close(); // the last segment is in the object store before the report says done
                packetTotals = packetWriter.totals();
            }
            Map<String, Long> errors = new LinkedHashMap<>();
            // only real errors reach the error counters (DecodeStage), so every non-zero one is reported
            decode.errors().totals().forEach((k, v) -> {
                if (v > 0) errors.put(k, v);
            });
            return new IngestReport(source, reader.size(), result.packets(), result.bytes(), flows.get(),
                    reader.counters().totals(), decode.counters().totals(), errors, table.counters().totals(),
                    result.fault().map(f -> f.message()), System.nanoTime() - start, exportCounts[0], exportCounts[1],
                    exportTotals);
        }
    }

    /** Packets so far, published to the progress thread every 4096 packets (a volatile write per packet costs too much). */
    private static final class PacketCount {
        private long count;
        private volatile long published;

        void inc() {
            if ((++count & 4095) == 0) published = count;
        }

        void publish() {
            published = count;
        }

        long published() {
            return published;
        }
    }
}
