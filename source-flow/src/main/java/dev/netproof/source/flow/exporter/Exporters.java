package dev.netproof.source.flow.exporter;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.ExporterKey;
import dev.netproof.core.model.ExporterSnapshot;
import dev.netproof.core.model.Sample;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every exporter seen, with what its sequence numbers and clock say: loss, duplicates, reordering,
 * restarts, clock offset, per exporter and domain, into the quality ledger and
 * {@link #snapshot()}.
 *
 * <p>{@link #tracking(ExportSink)} puts the account in front of a sink: each header moves its exporter's
 * counters, each flow and sample is counted under the exporter of the datagram it came in, then passed
 * on. The number of exporters is bounded ({@code maxExporters}); datagrams of exporters beyond it are
 * still passed on and counted under one {@code exporter:other} account, so nothing is lost, only lumped.
 *
 * <p>Thread safety: the tracking sink is used by one decoding thread; {@link #snapshot()} may be called
 * from any thread (the registry is locked once per datagram, not per record).
 */
public final class Exporters {
    /** Largest sequence jump read as loss: beyond it, a restart. */
    public static final long MAX_GAP_DATAGRAMS = 100_000;
    public static final long MAX_GAP_RECORDS = 10_000_000;
    public static final int DEFAULT_MAX_EXPORTERS = 10_000;

    private final int maxExporters;
    private final QualitySink quality;
    private final Map<ExporterKey, ExporterState> states = new HashMap<>();
    private final Map<ExportFormat, ExporterState> others = new HashMap<>();

    public Exporters(int maxExporters, QualitySink quality) {
        if (maxExporters < 1) throw new IllegalArgumentException("maxExporters must be positive");
        this.maxExporters = maxExporters;
        this.quality = quality;
    }

    public Exporters(QualitySink quality) {
        this(DEFAULT_MAX_EXPORTERS, quality);
    }

    /** A sink that keeps this account and passes everything on to {@code downstream}. */
    public ExportSink tracking(ExportSink downstream) {
        return new Tracking(downstream);
    }

    /** Every exporter's domain, ordered by format, address and domain. */
    public synchronized List<ExporterSnapshot> snapshot() {
        List<ExporterSnapshot> out = new ArrayList<>(states.size() + others.size());
        for (ExporterState s : states.values()) out.add(s.snapshot());
        for (ExporterState s : others.values()) out.add(s.snapshot());
        out.sort(Comparator.comparing((ExporterSnapshot s) -> s.key().format())
                .thenComparing(s -> s.key().exporter()).thenComparingLong(s -> s.key().domain()));
        return out;
    }

    /** Sets how many templates the decoder holds for each exporter's domain (shown in the snapshot). */
    public synchronized void templates(java.util.function.ToIntFunction<ExporterKey> count) {
        for (ExporterState s : states.values()) s.templates = count.applyAsInt(s.key);
    }

    /** Emits every exporter's counters of the current second to the ledger. */
    public synchronized void flush() {
        for (ExporterState s : states.values()) s.counters.flush();
        for (ExporterState s : others.values()) s.counters.flush();
    }

    /** Run totals per ledger source and metric, for reports. */
    public synchronized Map<String, Map<String, Long>> totals() {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        for (ExporterState s : states.values()) merge(out, s.counters);
        for (ExporterState s : others.values()) merge(out, s.counters);
        return out;
    }

    private static void merge(Map<String, Map<String, Long>> out, StageCounters c) {
        Map<String, Long> m = out.computeIfAbsent(c.source(), k -> new java.util.LinkedHashMap<>());
        c.totals().forEach((k, v) -> m.merge(k, v, Long::sum));
    }

    private synchronized ExporterState header(ExportHeader h) {
        ExporterKey key = new ExporterKey(h.format(), h.exporter(), h.domain());
        ExporterState s = states.get(key);
        if (s == null) {
            if (states.size() < maxExporters) {
                s = new ExporterState(key, maxGap(h), quality);
                states.put(key, s);
            } else {
                s = others.computeIfAbsent(h.format(),
                        f -> new ExporterState(ExporterKey.other(f), maxGap(h), quality));
                s.counters.at(Math.floorDiv(h.receivedNanos(), 1_000_000_000L));
                s.counters.inc(ExportMetric.DATAGRAMS);
                // lumped exporters' sequences are not each other's: no loss accounting for them
                return s;
            }
        }
        s.header(h);
        return s;
    }

    private static long maxGap(ExportHeader h) {
        return h.unit() == ExportHeader.SequenceUnit.DATAGRAMS ? MAX_GAP_DATAGRAMS : MAX_GAP_RECORDS;
    }

    private final class Tracking implements ExportSink {
        private final ExportSink downstream;
        private ExporterState current;

        Tracking(ExportSink downstream) {
            this.downstream = downstream;
        }

        @Override
        public void header(ExportHeader header) {
            current = Exporters.this.header(header);
            downstream.header(header);
        }

        @Override
        public void flow(ExportedFlow flow) {
            ExporterState s = current;
            if (s != null) s.flow(flow.samplingRate());
            downstream.flow(flow);
        }

        @Override
        public void sample(Sample sample) {
            ExporterState s = current;
            if (s != null) s.sample();
            downstream.sample(sample);
        }
    }
}
