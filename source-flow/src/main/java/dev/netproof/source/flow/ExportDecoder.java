package dev.netproof.source.flow;

import dev.netproof.core.model.IpAddress;
import java.lang.foreign.MemorySegment;

/**
 * Decodes export datagrams of one protocol family. An instance keeps the state the protocol needs
 * between datagrams (templates, data waiting for its template) for every exporter it has seen, within
 * the bounds of its configuration.
 *
 * <p>Contract: reads only {@code data[offset, offset + length)}; never throws on datagram bytes (bad
 * input is counted in the decoder's counters and the rest of the datagram is skipped or kept as far
 * as it is sound); not thread-safe: one decoding thread.
 */
public interface ExportDecoder {
    /**
     * @param data          bytes holding the UDP payload (a mapped capture, a receive buffer...)
     * @param offset        the payload's first byte in {@code data}
     * @param length        the payload's length
     * @param source        the datagram's source address (the exporter unless the payload names its agent)
     * @param sourcePort    the datagram's source port (IPFIX and v9 key templates by it too, as exporters
     *                      behind one address can differ by port)
     * @param receivedNanos when the datagram was received, nanoseconds since the epoch; also the clock
     *                      for holding and expiring state, so replays of a capture are deterministic
     * @param sink          receives the header, flows and samples
     */
    void decode(MemorySegment data, long offset, int length, IpAddress source, int sourcePort, long receivedNanos,
                ExportSink sink);
}
