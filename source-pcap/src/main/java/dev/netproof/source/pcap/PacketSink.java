package dev.netproof.source.pcap;

import java.lang.foreign.MemorySegment;

/**
 * Receives packets from a capture reader without a copy: {@code data} is a view of the file
 * (memory-mapped) and the packet's bytes are {@code data[offset, offset + capLen)}. The view is
 * valid only during the call; a sink that keeps bytes must copy them.
 */
@FunctionalInterface
public interface PacketSink {
    /**
     * @param linkType  LINKTYPE_* value of the packet's interface (1 Ethernet, 113 Linux SLL, 276 SLL2,
     *                  101 raw IP, 228 raw IPv4, 229 raw IPv6, 0 BSD null, 108 OpenBSD loopback)
     * @param tsNanos   capture time, nanoseconds since the Unix epoch
     * @param wireLen   original length on the wire
     * @param fileOffset byte offset of the record header in the file, for error messages and idempotency
     */
    void onPacket(MemorySegment data, long offset, int capLen, int wireLen, long tsNanos, int linkType,
                  long fileOffset);
}
