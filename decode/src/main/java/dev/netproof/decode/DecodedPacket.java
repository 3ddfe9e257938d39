package dev.netproof.decode;

/**
 * Scratch result of decoding one packet, reused for every packet of a stream: the decoder fills
 * it, the flow table reads it, nobody keeps it. Fields are public for the hot path; the decoder
 * resets them with {@link #reset()} before each packet.
 *
 * <p>Addresses are 128-bit, two longs each, big-endian, with IPv4 in its mapped form
 * ({@code ::ffff:a.b.c.d}, see {@code IpAddress}). For tunnels (GRE, VXLAN) the L3/L4 fields
 * describe the innermost packet and {@link #tunnelDepth} counts the encapsulations passed.
 * For ICMP/ICMPv6, {@link #srcPort} is the type and {@link #dstPort} the code (Zeek's convention).
 */
public final class DecodedPacket {
    // --- filled by the reader
    /** Capture timestamp, nanoseconds since the Unix epoch. */
    public long tsNanos;
    /** Length of the packet on the wire. */
    public int wireLen;
    /** Bytes captured (at most {@link #wireLen}). */
    public int capLen;

    // --- L2
    /** Outer 802.1Q VLAN id, -1 if untagged. */
    public int vlan;
    /** Inner VLAN id of a QinQ pair, -1 if none. */
    public int innerVlan;
    /** Number of MPLS labels passed. */
    public int mplsLabels;

    // --- L3
    /** 4, 6, or 0 when no IP layer was found (ARP, LLDP...). */
    public int ipVersion;
    public long srcHi, srcLo, dstHi, dstLo;
    /** Transport protocol number (after IPv6 extension headers). */
    public int ipProto;
    /** Length of the IP datagram as its header states it (IPv4 total length; IPv6 40 + payload length). */
    public int ipLen;
    public int ttl;

    // --- fragments (IPv4 and the IPv6 fragment header)
    /** True when this packet is a fragment (MF set or offset non-zero). */
    public boolean fragment;
    /** Fragment offset in bytes. */
    public int fragOffset;
    public boolean moreFragments;
    /** IPv4 identification or IPv6 fragment identification. */
    public long fragId;

    // --- L4
    /** True when L4 ports (or ICMP type/code) were read from this packet. */
    public boolean hasPorts;
    public int srcPort, dstPort;
    /** TCP flags byte: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80. */
    public int tcpFlags;
    /** Unsigned 32-bit values held in longs. */
    public long seq, ack;
    /** Raw (unscaled) TCP window. */
    public int window;
    /** Transport payload length as the headers state it (not limited by the capture length). */
    public int payloadLen;
    /** Offset of the transport payload in the captured bytes; valid when {@link #payloadCaptured} > 0. */
    public int payloadOffset;
    /** Bytes of the payload actually present in the capture. */
    public int payloadCaptured;

    // --- TCP options (-1 / false when absent)
    public int mss;
    public int windowScale;
    public boolean sackPermitted;
    public int sackBlocks;
    public boolean hasTimestamps;
    public long tsVal, tsEcr;

    // --- status
    /** The capture ended before the headers did: decoded as far as it went. */
    public boolean truncated;
    /** GRE / VXLAN encapsulations passed. */
    public int tunnelDepth;
    /** {@link DecodeError#NONE} when the packet decoded; otherwise why it stopped. */
    public DecodeError error;

    public DecodedPacket() {
        reset();
    }

    public void reset() {
        vlan = -1;
        innerVlan = -1;
        mplsLabels = 0;
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        ipProto = -1;
        ipLen = 0;
        ttl = 0;
        fragment = false;
        fragOffset = 0;
        moreFragments = false;
        fragId = 0;
        hasPorts = false;
        srcPort = dstPort = 0;
        tcpFlags = 0;
        seq = ack = 0;
        window = 0;
        payloadLen = 0;
        payloadOffset = 0;
        payloadCaptured = 0;
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        sackBlocks = 0;
        hasTimestamps = false;
        tsVal = tsEcr = 0;
        truncated = false;
        tunnelDepth = 0;
        error = DecodeError.NONE;
    }

    public boolean isTcp() {
        return ipProto == 6 && hasPorts;
    }
}
