package dev.netproof.packetstore;

import java.lang.foreign.MemorySegment;

/**
 * The exact test of a candidate packet that the index let through (index hashes can collide): the
 * caller decodes the bytes and compares addresses, ports, protocol, VLAN. {@code packet} holds the
 * stored bytes, valid only during the call.
 */
@FunctionalInterface
public interface PacketMatcher {
    boolean matches(MemorySegment packet, int capLen, int wireLen, long tsNanos, int linkType);

    PacketMatcher ANY = (packet, capLen, wireLen, tsNanos, linkType) -> true;
}
