package dev.netproof.app.ingest;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.source.flow.ExportDispatcher;
import dev.netproof.source.flow.ExportDispatcher.DispatchMetric;
import dev.netproof.source.flow.ExportSink;
import dev.netproof.source.flow.FlowExports;
import java.lang.foreign.MemorySegment;
import java.util.Collection;

/**
 * Recognises flow-export datagrams (NetFlow, IPFIX, sFlow) among a capture's packets and hands their
 * payloads to the export decoders, as a collector would have received them: the packet's source is the
 * exporter, its capture time the receive time. The packets still make their UDP flow as any other.
 *
 * <p>A datagram is taken when it goes to one of the configured ports, or, with {@code anyPort}, when its
 * first bytes carry an export version ({@link ExportDispatcher#versionOf}): the decoders then check the
 * rest and count what does not hold. IP fragments of a datagram are not reassembled here (exporters send
 * datagrams that fit their MTU); they are counted in the ledger ({@code export_decode.fragmented_skipped}) and
 * skipped. Not thread-safe.
 */
public final class ExportTap {
    /** Where collectors listen by convention: NetFlow 2055, 9995, 9996; IPFIX 4739; sFlow 6343. */
    public static final java.util.List<Integer> DEFAULT_PORTS = java.util.List.of(2055, 4739, 6343, 9995, 9996);

    private final boolean[] ports = new boolean[65536];
    private final boolean anyPort;
    private final FlowExports decoder;
    private final ExportSink sink;
    private long datagrams;

    public ExportTap(Collection<Integer> ports, boolean anyPort, FlowExports decoder, ExportSink sink) {
        for (int p : ports) this.ports[p] = true;
        this.anyPort = anyPort;
        this.decoder = decoder;
        this.sink = sink;
    }

    public void accept(MemorySegment data, long offset, DecodedPacket p) {
        if (p.ipProto != 17 || !p.hasPorts) return;
        if (!ports[p.dstPort]) {
            if (!anyPort || p.fragment || ExportDispatcher.versionOf(data, offset + p.payloadOffset, p.payloadCaptured) == null) {
                return;
            }
        }
        if (p.fragment) {
            decoder.counters().at(Math.floorDiv(p.tsNanos, 1_000_000_000L));
            decoder.counters().inc(DispatchMetric.FRAGMENTED_SKIPPED);
            return;
        }
        datagrams++;
        decoder.decode(data, offset + p.payloadOffset, p.payloadCaptured, IpAddress.ofV6(p.srcHi, p.srcLo), p.srcPort,
                p.tsNanos, sink);
    }

    /** Datagrams handed to the decoders. */
    public long datagrams() {
        return datagrams;
    }
}
