package dev.netproof.source.flow;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDispatcher.DispatchMetric;
import dev.netproof.source.flow.ipfix.IpfixDecoder;
import dev.netproof.source.flow.ipfix.NetFlow9Decoder;
import dev.netproof.source.flow.netflow5.NetFlow5Decoder;
import dev.netproof.source.flow.sflow.SflowDecoder;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every export decoder behind one {@link ExportDispatcher}: what a collector or an ingest uses to read
 * whatever flow exports arrive. Counters go to the ledger under {@code source}. Not thread-safe.
 */
public final class FlowExports implements ExportDecoder {
    private final NetFlow5Decoder netflow5;
    private final NetFlow9Decoder netflow9;
    private final IpfixDecoder ipfix;
    private final SflowDecoder sflow;
    private final ExportDispatcher dispatcher;

    public FlowExports(String source, QualitySink quality) {
        this.netflow5 = new NetFlow5Decoder(source, quality);
        this.netflow9 = new NetFlow9Decoder(source, quality);
        this.ipfix = new IpfixDecoder(source, quality);
        this.sflow = new SflowDecoder(source, quality);
        this.dispatcher = new ExportDispatcher(netflow5, netflow9, ipfix, sflow,
                new StageCounters(source, ExportDispatcher.STAGE, DispatchMetric.class, quality));
    }

    @Override
    public void decode(MemorySegment data, long offset, int length, IpAddress source, int sourcePort, long receivedNanos,
                       ExportSink sink) {
        dispatcher.decode(data, offset, length, source, sourcePort, receivedNanos, sink);
    }

    /** The dispatcher's counters (datagrams by protocol, unknown versions...). */
    public StageCounters counters() {
        return dispatcher.counters();
    }

    private List<StageCounters> all() {
        return List.of(dispatcher.counters(), netflow5.counters(), netflow9.counters(), ipfix.counters(), sflow.counters());
    }

    /** Emits the current second's counts of every decoder to the ledger. */
    public void flush() {
        for (StageCounters c : all()) c.flush();
    }

    /** Run totals, stage → metric → count, zeros left out. */
    public Map<String, Map<String, Long>> totals() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (StageCounters c : all()) {
            c.totals().forEach((metric, n) -> {
                if (n != 0) out.computeIfAbsent(c.stage(), k -> new LinkedHashMap<>()).merge(metric, n, Long::sum);
            });
        }
        return out;
    }

    /**
     * Tells {@code exporters} how many templates each of its NetFlow v9 and IPFIX exporters has now
     * (shown in their account). On the decoding thread.
     */
    public void reportTemplates(dev.netproof.source.flow.exporter.Exporters exporters) {
        exporters.templates(key -> switch (key.format()) {
            case NETFLOW_V9 -> netflow9.templateCount(key.exporter(), key.domain());
            case IPFIX -> ipfix.templateCount(key.exporter(), key.domain());
            case NETFLOW_V5, SFLOW_V5 -> -1;
        });
    }

    /** Templates held now, NetFlow v9 and IPFIX together. */
    public int templates() {
        return netflow9.templateCount() + ipfix.templateCount();
    }
}
