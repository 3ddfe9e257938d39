package dev.netproof.packetstore;

/**
 * What the packet store needs to know about a packet besides its bytes, filled by the caller from its
 * decoder and flow table; one instance reused for every packet (scratch, not kept).
 *
 * <p>Addresses are 128-bit, IPv4 mapped ({@code ::ffff:a.b.c.d}), as the decoder gives them.
 */
public final class PacketFacts {
    /** True when the packet has an IP layer; the address fields are valid only then. */
    public boolean ip;
    public long srcHi, srcLo, dstHi, dstLo;
    /** IP protocol number, -1 without IP. */
    public int proto = -1;
    /** Ports (ICMP: type and code), 0 when the packet has none. */
    public int srcPort, dstPort;
    /** Bytes from the packet's start to the end of its transport header; 0 when unknown. */
    public int headersLen;
    /** {@link FlowHash} of the packet's flow, 0 for none. */
    public int flowHash;

    public void clear() {
        ip = false;
        srcHi = srcLo = dstHi = dstLo = 0;
        proto = -1;
        srcPort = dstPort = 0;
        headersLen = 0;
        flowHash = 0;
    }
}
