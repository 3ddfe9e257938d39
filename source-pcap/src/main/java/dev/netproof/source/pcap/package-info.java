/**
 * Packet sources from capture files: {@link dev.netproof.source.pcap.CaptureReader} maps a pcap or
 * pcapng file and streams its packets, zero-copy, to a {@link dev.netproof.source.pcap.PacketSink}.
 *
 * <p>Units: timestamps are nanoseconds since the Unix epoch, lengths and offsets are bytes, link types
 * are LINKTYPE_* numbers. Broken files end in a {@link dev.netproof.source.pcap.CaptureFault}
 * (file, offset, reason) inside the {@link dev.netproof.source.pcap.ReadResult}, never an exception,
 * and every packet and fault is counted in the quality ledger under stage {@code read}
 * ({@link dev.netproof.source.pcap.ReadMetric}).
 */
package dev.netproof.source.pcap;
