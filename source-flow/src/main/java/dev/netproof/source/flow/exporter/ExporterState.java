package dev.netproof.source.flow.exporter;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.ExporterKey;
import dev.netproof.core.model.ExporterSnapshot;
import dev.netproof.source.flow.ExportHeader.SequenceUnit;
import dev.netproof.source.flow.ExportHeader;
import java.util.ArrayList;
import java.util.List;

/** The running account of one exporter's domain. Owned by the decoding thread; read under {@link Exporters}' lock. */
final class ExporterState {
    private static final int MAX_RATES = 8;
    static final String STAGE = "export";

    final ExporterKey key;
    final SequenceTracker sequence;
    final ClockOffset clock = new ClockOffset();
    final StageCounters counters;
    private final long[] rates = new long[MAX_RATES];
    private int rateCount;
    long firstSeen;
    long lastSeen;
    long records;
    long flows;
    long samples;
    SequenceUnit unit = SequenceUnit.DATAGRAMS;
    int templates = -1;

    ExporterState(ExporterKey key, long maxGap, QualitySink quality) {
        this.key = key;
        this.sequence = new SequenceTracker(maxGap);
        this.counters = new StageCounters(key.ledgerSource(), STAGE, ExportMetric.class, quality);
    }

    void header(ExportHeader h) {
        if (firstSeen == 0) firstSeen = h.receivedNanos();
        lastSeen = Math.max(lastSeen, h.receivedNanos());
        unit = h.unit();
        if (h.unit() == SequenceUnit.RECORDS && h.records() > 0) records += h.records();
        counters.at(Math.floorDiv(h.receivedNanos(), 1_000_000_000L));
        counters.inc(ExportMetric.DATAGRAMS);
        long lostBefore = sequence.lost();
        SequenceTracker.Verdict v = sequence.offer(h);
        long lostNow = sequence.lost() - lostBefore;
        if (lostNow != 0) {
            // a late datagram gives back what was counted lost when it was skipped (a negative count)
            counters.add(h.unit() == SequenceUnit.DATAGRAMS ? ExportMetric.LOST__DATAGRAMS : ExportMetric.LOST__RECORDS,
                    lostNow);
        }
        switch (v) {
            case DUPLICATE -> counters.inc(ExportMetric.DUPLICATES);
            case REORDERED -> counters.inc(ExportMetric.REORDERED);
            case RESET -> counters.inc(ExportMetric.RESETS);
            case UNVERIFIED -> counters.inc(ExportMetric.UNVERIFIABLE);
            case FIRST, IN_ORDER, GAP -> { }
        }
        clock.add(h.receivedNanos(), h.exportNanos());
    }

    void flow(long samplingRate) {
        flows++;
        counters.inc(ExportMetric.FLOWS);
        for (int i = 0; i < rateCount; i++) {
            if (rates[i] == samplingRate) return;
        }
        if (rateCount < MAX_RATES) rates[rateCount++] = samplingRate;
    }

    void sample() {
        samples++;
        counters.inc(ExportMetric.SAMPLES);
    }

    private String numbering() {
        if (unit == SequenceUnit.DATAGRAMS) return "datagrams";
        return switch (sequence.convention()) {
            case RFC -> "records";
            case INCLUSIVE -> "records_including_own";
            case UNKNOWN -> "records_undetermined";
        };
    }

    ExporterSnapshot snapshot() {
        List<Long> r = new ArrayList<>(rateCount);
        for (int i = 0; i < rateCount; i++) r.add(rates[i]);
        long resolution = switch (key.format()) {
            case NETFLOW_V5 -> 1;
            case NETFLOW_V9, IPFIX -> 1_000_000_000L;
            case SFLOW_V5 -> 0;
        };
        return new ExporterSnapshot(key, firstSeen, lastSeen, sequence.datagrams(), records, flows, samples,
                sequence.lost(), unit == SequenceUnit.DATAGRAMS ? "datagrams" : "records", sequence.duplicates(),
                sequence.reordered(), sequence.resets(), sequence.unverifiable(), numbering(),
                clock.known() ? clock.estimateNanos() : null, resolution, r, templates);
    }
}
