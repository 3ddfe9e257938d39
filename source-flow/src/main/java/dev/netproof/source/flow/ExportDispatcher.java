package dev.netproof.source.flow;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.IpAddress;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Hands each export datagram to the decoder of its protocol, told apart by the version at its start:
 * a 16-bit 5, 9 or 10 (NetFlow v5, v9, IPFIX), or a 32-bit 5 (sFlow v5, whose first two bytes are
 * zero). So one port may carry several protocols. Anything else is counted as
 * {@link DispatchMetric#UNKNOWN_VERSION} and dropped.
 *
 * <p>Not thread-safe, like the decoders it holds.
 */
public final class ExportDispatcher implements ExportDecoder {
    /** Ledger stage of the dispatcher's own counters. */
    public static final String STAGE = "export_decode";
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final ExportDecoder netflow5;
    private final ExportDecoder netflow9;
    private final ExportDecoder ipfix;
    private final ExportDecoder sflow;
    private final StageCounters counters;

    /** {@code fragmented_skipped}: export datagrams in a capture that came in IP fragments, not read (counted by the capture tap). */
    public enum DispatchMetric { DATAGRAMS, NETFLOW_V5, NETFLOW_V9, IPFIX, SFLOW_V5, UNKNOWN_VERSION, TOO_SHORT, FRAGMENTED_SKIPPED }

    public ExportDispatcher(ExportDecoder netflow5, ExportDecoder netflow9, ExportDecoder ipfix, ExportDecoder sflow,
                            StageCounters counters) {
        this.netflow5 = netflow5;
        this.netflow9 = netflow9;
        this.ipfix = ipfix;
        this.sflow = sflow;
        this.counters = counters;
    }

    /** The protocol a datagram's first bytes name, or null. */
    public static DispatchMetric versionOf(MemorySegment data, long offset, int length) {
        if (length < 4) return null;
        int v16 = Short.toUnsignedInt(data.get(U16, offset));
        return switch (v16) {
            case 5 -> DispatchMetric.NETFLOW_V5;
            case 9 -> DispatchMetric.NETFLOW_V9;
            case 10 -> DispatchMetric.IPFIX;
            case 0 -> data.get(U32, offset) == 5 ? DispatchMetric.SFLOW_V5 : null;
            default -> null;
        };
    }

    @Override
    public void decode(MemorySegment data, long offset, int length, IpAddress source, int sourcePort, long receivedNanos,
                       ExportSink sink) {
        counters.at(Math.floorDiv(receivedNanos, 1_000_000_000L));
        counters.inc(DispatchMetric.DATAGRAMS);
        if (length < 4) {
            counters.inc(DispatchMetric.TOO_SHORT);
            return;
        }
        DispatchMetric v = versionOf(data, offset, length);
        if (v == null) {
            counters.inc(DispatchMetric.UNKNOWN_VERSION);
            return;
        }
        counters.inc(v);
        ExportDecoder d = switch (v) {
            case NETFLOW_V5 -> netflow5;
            case NETFLOW_V9 -> netflow9;
            case IPFIX -> ipfix;
            case SFLOW_V5 -> sflow;
            default -> throw new AssertionError(v);
        };
        d.decode(data, offset, length, source, sourcePort, receivedNanos, sink);
    }

    public StageCounters counters() {
        return counters;
    }
}
