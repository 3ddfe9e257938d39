package dev.netproof.source.flow;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.IpAddress;
import java.util.Objects;

/**
 * What one export datagram's header says, enough to count lost, duplicated and reordered datagrams
 * per exporter and domain, and to estimate the exporter's clock offset.
 *
 * <p>What a sequence number counts differs by protocol: NetFlow v9 and sFlow number datagrams
 * ({@link SequenceUnit#DATAGRAMS}: the next one is {@code sequence + 1}); NetFlow v5 and IPFIX number
 * flow records ({@link SequenceUnit#RECORDS}: the next datagram's is {@code sequence + records}). All
 * are unsigned 32-bit and wrap.
 *
 * @param format        the protocol
 * @param exporter      as in {@link dev.netproof.core.model.ExportedFlow#exporter()}
 * @param domain        as in {@link dev.netproof.core.model.ExportedFlow#domain()}
 * @param receivedNanos when the datagram was received (captured)
 * @param exportNanos   the exporter's clock when it sent the datagram (header time), 0 if it gives none
 * @param sequence      the header's sequence number, unsigned 32-bit
 * @param unit          what the sequence counts
 * @param records       for {@link SequenceUnit#RECORDS}: the records this datagram adds to the
 *                      sequence (v5: flows; IPFIX: data records, options records included);
 *                      for {@link SequenceUnit#DATAGRAMS}: the flow records or samples it carries.
 *                      -1 when not known (IPFIX data sets waiting for their template: their records
 *                      cannot be counted until it comes)
 * @param uptimeMillis  the exporter's uptime in milliseconds (NetFlow, sFlow), -1 if not given
 */
public record ExportHeader(
        ExportFormat format,
        IpAddress exporter,
        long domain,
        long receivedNanos,
        long exportNanos,
        long sequence,
        SequenceUnit unit,
        int records,
        long uptimeMillis) {

    public ExportHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(exporter, "exporter");
        Objects.requireNonNull(unit, "unit");
        if (sequence < 0 || sequence > 0xffff_ffffL) {
            throw new IllegalArgumentException("sequence is not unsigned 32-bit: " + sequence);
        }
    }

    public enum SequenceUnit { DATAGRAMS, RECORDS }
}
