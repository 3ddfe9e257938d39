package dev.netproof.source.flow.ipfix;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDecoder;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.ipfix.internal.Engine;
import java.lang.foreign.MemorySegment;

/**
 * What the NetFlow v9 and IPFIX decoders share: one template {@link Engine} (told which of the two it
 * reads), its counters under the decoder's ledger stage, and the account of its templates and held data.
 *
 * <p>Allocation per record: the {@link dev.netproof.core.model.ExportedFlow} with its addresses, label
 * and extra lists; per datagram nothing else unless a set is held (a copy of it) or a template arrives.
 * Not thread-safe: one decoding thread.
 */
public abstract sealed class TemplateDecoder implements ExportDecoder permits NetFlow9Decoder, IpfixDecoder {
    private final StageCounters counters;
    private final Engine engine;

    TemplateDecoder(boolean v9, String stage, IpfixConfig config, String source, QualitySink quality) {
        this.counters = new StageCounters(source, stage, IpfixMetric.class, quality);
        this.engine = new Engine(v9, config, counters);
    }

    @Override
    public final void decode(MemorySegment data, long offset, int length, IpAddress source, int sourcePort,
                             long receivedNanos, ExportSink sink) {
        engine.decode(data, offset, length, source, sourcePort, receivedNanos, sink);
    }

    /** This decoder's counters (run totals via {@link StageCounters#total}). */
    public final StageCounters counters() {
        return counters;
    }

    /** Templates and options templates kept for one exporter's domain. */
    public final int templateCount(IpAddress exporter, long domain) {
        return engine.templateCount(exporter, domain);
    }

    /** Templates and options templates kept, over all sessions. */
    public final int templateCount() {
        return engine.templateCount();
    }

    /** Sessions kept. */
    public final int sessionCount() {
        return engine.sessionCount();
    }

    /** Bytes charged for held data sets. */
    public final long heldBytes() {
        return engine.heldBytes();
    }
}
