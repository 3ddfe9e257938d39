package dev.netproof.source.flow.netflow5;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.ExportDecoder;
import dev.netproof.source.flow.ExportHeader;
import dev.netproof.source.flow.ExportSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Decodes NetFlow v5 datagrams (layout in the package documentation).
 *
 * <p>Mapping: times are the records' uptime milliseconds turned into epoch nanoseconds with the header's
 * {@code unix_secs/unix_nsecs} taken as the moment of {@code sys_uptime}; {@code domain} is
 * {@code engine_type << 8 | engine_id}; {@code samplingRate} is the header's 14-bit interval, 0 when the
 * exporter left it 0 (v5 has no way to say "unsampled" apart from "not configured"); {@code srcMask},
 * {@code dstMask}, {@code inIf}, {@code outIf}, {@code nextHop} are always present in v5 and always set
 * (0 included); {@code vlan} and {@code direction} are -1. The header is reported with
 * {@link ExportHeader.SequenceUnit#RECORDS} and the number of records actually read.
 *
 * <p>Allocation: per record the {@link ExportedFlow} and its addresses only. Not thread-safe.
 */
public final class NetFlow5Decoder implements ExportDecoder {
    /** The ledger stage name. */
    public static final String STAGE = "netflow5";
    public static final int HEADER_LENGTH = 24;
    public static final int RECORD_LENGTH = 48;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final StageCounters counters;

    public NetFlow5Decoder(String source, QualitySink quality) {
        this.counters = new StageCounters(source, STAGE, NetFlow5Metric.class, quality);
    }

    /** This decoder's counters (run totals via {@link StageCounters#total}). */
    public StageCounters counters() {
        return counters;
    }

    /**
     * True when {@code data[offset, offset + length)} starts like a NetFlow v5 datagram: version 5, a
     * count of 1 to 30, and room for the header and at least one record.
     */
    public static boolean looksLike(MemorySegment data, long offset, int length) {
        if (offset < 0 || length < HEADER_LENGTH + RECORD_LENGTH || offset + length > data.byteSize()) return false;
        int count = u16(data, offset + 2);
        return u16(data, offset) == 5 && count >= 1 && count <= 30;
    }

    @Override
    public void decode(MemorySegment data, long offset, int length, IpAddress source, int sourcePort,
                       long receivedNanos, ExportSink sink) {
        counters.at(Math.floorDiv(receivedNanos, 1_000_000_000L));
        if (offset < 0 || length < 0 || offset + length > data.byteSize()) {
            counters.inc(NetFlow5Metric.ERROR__BAD_BOUNDS);
            return;
        }
        if (length < HEADER_LENGTH) {
            counters.inc(NetFlow5Metric.ERROR__TRUNCATED_HEADER);
            return;
        }
        if (u16(data, offset) != 5) {
            counters.inc(NetFlow5Metric.ERROR__BAD_VERSION);
            return;
        }
        try {
            decodeChecked(data, offset, length, source, receivedNanos, sink);
        } catch (RuntimeException bug) {
            // The reads above are bounds-checked, so this is a bug; the datagram is lost, the decoder is not.
            counters.inc(NetFlow5Metric.ERROR__INTERNAL);
        }
    }

    private void decodeChecked(MemorySegment d, long off, int length, IpAddress source, long receivedNanos,
                               ExportSink sink) {
        int count = u16(d, off + 2);
        long uptime = u32(d, off + 4);
        long exportNanos = u32(d, off + 8) * 1_000_000_000L + u32(d, off + 12);
        long sequence = u32(d, off + 16);
        long domain = (u8(d, off + 20) << 8) | u8(d, off + 21);
        int sampling = u16(d, off + 22);
        // Top two bits: the sampling mode; low 14 bits: the interval (1 in N packets).
        long samplingRate = sampling & 0x3fff;

        int fits = (length - HEADER_LENGTH) / RECORD_LENGTH;
        int records = count;
        if (count > fits) {
            counters.inc(NetFlow5Metric.ERROR__COUNT_EXCEEDS_DATAGRAM);
            records = fits;
        } else if (length > HEADER_LENGTH + count * RECORD_LENGTH) {
            counters.inc(NetFlow5Metric.ERROR__TRAILING_BYTES);
        }
        counters.inc(NetFlow5Metric.DATAGRAMS);
        sink.header(new ExportHeader(ExportFormat.NETFLOW_V5, source, domain, receivedNanos, exportNanos, sequence,
                ExportHeader.SequenceUnit.RECORDS, records, uptime));
        long r = off + HEADER_LENGTH;
        for (int i = 0; i < records; i++, r += RECORD_LENGTH) {
            sink.flow(record(d, r, source, domain, receivedNanos, exportNanos, uptime, samplingRate));
            counters.inc(NetFlow5Metric.FLOWS);
        }
    }

    private static ExportedFlow record(MemorySegment d, long r, IpAddress exporter, long domain, long receivedNanos,
                                       long exportNanos, long uptime, long samplingRate) {
        return new ExportedFlow(ExportFormat.NETFLOW_V5, exporter, domain, receivedNanos,
                uptimeToEpoch(exportNanos, uptime, u32(d, r + 24)),
                uptimeToEpoch(exportNanos, uptime, u32(d, r + 28)),
                IpAddress.ofV4(d.get(U32, r)), IpAddress.ofV4(d.get(U32, r + 4)),
                u16(d, r + 32), u16(d, r + 34),
                u8(d, r + 38), u8(d, r + 37), u8(d, r + 39),
                u32(d, r + 20), u32(d, r + 16), samplingRate,
                u16(d, r + 12), u16(d, r + 14),
                -1, -1,
                u16(d, r + 40), u16(d, r + 42),
                IpAddress.ofV4(d.get(U32, r + 8)),
                u8(d, r + 44), u8(d, r + 45),
                -1, -1, List.of(), List.of());
    }

    /**
     * The epoch time of an uptime stamp: the header says the exporter's clock read {@code exportNanos}
     * when its uptime was {@code uptime}. The difference is taken as a signed 32-bit value so that an
     * uptime wrap (49.7 days) between the flow and the export, or a stamp slightly after the export,
     * still gives the nearby time.
     */
    static long uptimeToEpoch(long exportNanos, long uptime, long stamp) {
        int ago = (int) (uptime - stamp);
        return exportNanos - ago * 1_000_000L;
    }

    private static int u8(MemorySegment d, long at) {
        return d.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    private static int u16(MemorySegment d, long at) {
        return d.get(U16, at) & 0xffff;
    }

    private static long u32(MemorySegment d, long at) {
        return d.get(U32, at) & 0xffff_ffffL;
    }
}
