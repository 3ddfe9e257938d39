package dev.netproof.source.flow.ipfix;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDecoder;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.ipfix.internal.Engine;
import java.lang.foreign.MemorySegment;

/**
 * Decodes IPFIX (RFC 7011) datagrams; mapping and layout in the package documentation.
 *
 * <p>Each datagram's header is reported with {@link dev.netproof.source.flow.ExportHeader.SequenceUnit#RECORDS} and, as its record count,
 * the data records (flows and options records) read from this datagram's own sets, held ones released
 * later not included (a held set's records cannot be counted until its template comes).
 *
 * <p>Allocation per record: the {@link dev.netproof.core.model.ExportedFlow} with its addresses, label
 * and extra lists; per datagram nothing else unless a set is held (a copy of it) or a template arrives.
 * Not thread-safe: one decoding thread.
 */
public final class IpfixDecoder implements ExportDecoder {
    /** The ledger stage name. */
    public static final String STAGE = "ipfix";

    private final StageCounters counters;
    private final Engine engine;

    public IpfixDecoder(String source, QualitySink quality) {
        this(IpfixConfig.defaults(), source, quality);
    }

    public IpfixDecoder(IpfixConfig config, String source, QualitySink quality) {
        this.counters = new StageCounters(source, STAGE, IpfixMetric.class, quality);
        this.engine = new Engine(false, config, counters);
    }

    /**
     * True when {@code data[offset, offset + length)} starts like a IPFIX (RFC 7011) message: version 10, room for
     * the header and one set header, and a first set whose id is a template, options template or data
     * set id and whose length fits.
     */
    public static boolean looksLike(MemorySegment data, long offset, int length) {
        return Engine.looksLike(false, data, offset, length);
    }

    @Override
    public void decode(MemorySegment data, long offset, int length, IpAddress source, int sourcePort,
                       long receivedNanos, ExportSink sink) {
        engine.decode(data, offset, length, source, sourcePort, receivedNanos, sink);
    }

    /** This decoder's counters (run totals via {@link StageCounters#total}). */
    public StageCounters counters() {
        return counters;
    }

    /** Templates and options templates kept for one exporter's domain. */
    public int templateCount(IpAddress exporter, long domain) {
        return engine.templateCount(exporter, domain);
    }

    /** Templates and options templates kept, over all sessions. */
    public int templateCount() {
        return engine.templateCount();
    }

    /** Sessions kept. */
    public int sessionCount() {
        return engine.sessionCount();
    }

    /** Bytes charged for held data sets. */
    public long heldBytes() {
        return engine.heldBytes();
    }
}
