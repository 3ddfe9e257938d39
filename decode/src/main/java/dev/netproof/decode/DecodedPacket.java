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
 *
 * <p><b>Truncation and errors.</b> {@link #truncated} says the capture (snaplen) ended inside the
 * headers: every field the captured bytes held is filled, the rest keep their reset values, and
 * {@link #error} stays {@link DecodeError#NONE} unless something before the cut was malformed. A
 * header that does not fit in the frame <em>as the wire length states it</em> (or in the IP datagram
 * as its length field states it) is malformed instead: {@link #error} names it and
 * {@code truncated} stays false. So {@code truncated} implies {@code capLen < wireLen}. A payload cut
 * by the snaplen is not truncation of the headers: it shows as {@code payloadCaptured < payloadLen}.
 *
 * <p><b>Fragments.</b> Only the first fragment (offset 0) carries the L4 header. A later fragment
 * has {@link #hasPorts} false, error {@link DecodeError#FRAGMENT_NO_PORTS}, {@link #ipProto} set,
 * and its payload fields describe the fragment's IP payload. An IPv6 atomic fragment (fragment
 * header with offset 0 and M=0) is not a fragment: {@link #fragment} false, {@link #fragId} set.
 * For IPv4, {@link #fragId} is the identification field of every packet.
 *
 * <p><b>Tunnels.</b> GRE (version 0), VXLAN and IP-in-IP are entered when
 * {@link DecoderConfig#decapsulate()} is on. The L3/L4 fields describe the innermost IP header
 * reached and {@link #tunnelDepth} counts the encapsulations around it. If the inner packet has no
 * usable IP header (ARP in VXLAN, a bad inner IPv4 header, a capture cut before it), {@link #error}
 * or {@link #truncated} says so and the fields still describe the outer packet with
 * {@code tunnelDepth} 0: the flow table attributes it to the tunnel's own flow.
 * VLAN ids are the first two tags met in decoding order, whichever Ethernet header held them.
 *
 * <p><b>Offsets.</b> {@link #payloadOffset} is relative to the {@code offset} passed to the decoder
 * (the packet's first captured byte): the payload starts at {@code data[offset + payloadOffset]}.
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
    /** Last EtherType met (after VLAN tags; the one that led to IP, or to {@link DecodeError#NON_IP}); -1 if none. */
    public int etherType;

    // --- L3
    /** 4, 6, or 0 when no IP layer was found (ARP, LLDP...). */
    public int ipVersion;
    public long srcHi, srcLo, dstHi, dstLo;
    /**
     * Transport protocol number (after IPv6 extension headers and AH); -1 without IP. When the
     * snaplen cut the extension chain, the last header type reached.
     */
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
    /**
     * Offset of the transport payload relative to the packet's first captured byte (the decoder's
     * {@code offset} argument); valid when {@link #payloadCaptured} > 0, else where it would start.
     */
    public int payloadOffset;
    /** Bytes of the payload actually present in the capture. */
    public int payloadCaptured;

    // --- TCP options (-1 / false / 0 when absent)
    /** Maximum segment size option, -1 if absent. */
    public int mss;
    /** Window scale shift count as sent (not clamped to 14), -1 if absent. */
    public int windowScale;
    public boolean sackPermitted;
    /** Number of blocks in the (last) SACK option, 0 if none. */
    public int sackBlocks;
    public boolean hasTimestamps;
    /** Timestamp option values, unsigned 32-bit; valid when {@link #hasTimestamps}. */
    public long tsVal, tsEcr;

    // --- status
    /** The capture ended before the headers did: decoded as far as it went. */
    public boolean truncated;
    /** GRE / VXLAN / IP-in-IP encapsulations around the IP header the L3 fields describe. */
    public int tunnelDepth;
    /** VXLAN VNI or GRE key of the innermost tunnel around the L3 fields; -1 if none or no key. */
    public long tunnelId;
    /** {@link DecodeError#NONE} when the packet decoded; otherwise why it stopped. */
    public DecodeError error;

    public DecodedPacket() {
        reset();
    }

    public void reset() {
        vlan = -1;
        innerVlan = -1;
        mplsLabels = 0;
        etherType = -1;
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        ipProto = -1;
        ipLen = 0;
        ttl = 0;
        resetTransport();
        truncated = false;
        tunnelDepth = 0;
        tunnelId = -1;
        error = DecodeError.NONE;
    }

    /**
     * Resets what an inner IP header replaces when decoding enters a tunnel: fragment and transport
     * fields. Addresses, TTL and lengths are overwritten by the inner header itself.
     */
    public void resetTransport() {
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
    }

    public boolean isTcp() {
        return ipProto == 6 && hasPorts;
    }
}
