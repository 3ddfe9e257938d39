package dev.netproof.decode;

/**
 * Why a packet could not be decoded to the end of its headers. Each reason is a counter in the
 * quality ledger (stage {@code decode}, metric {@code error.<name>}).
 *
 * <p>A reason names a packet that contradicts itself (a header longer than the frame or datagram
 * that holds it, a bad version or length field) or one we do not decode. A capture cut by the
 * snaplen is not an error: it sets {@link DecodedPacket#truncated} instead (see there).
 *
 * <p>Most reasons stop decoding. Four do not, because the fields around them are still sound:
 * {@link #IPV4_OPTIONS}, {@link #TCP_OPTIONS}, {@link #UDP_LENGTH} (ports kept, payload length taken
 * from the IP header) and {@link #IPV4_TOTAL_LEN} / {@link #IPV6_PAYLOAD_LEN} when the stated length
 * exceeds the frame (decoding goes on inside the frame). The first reason recorded wins.
 */
public enum DecodeError {
    NONE,
    /** Link type we do not decode. */
    UNSUPPORTED_LINKTYPE,
    /** EtherType / protocol we do not decode at L3 (ARP, LLDP...); counted, not an error of the packet. */
    NON_IP,
    /** The frame ends inside an Ethernet-family header: MAC header, VLAN tag, MPLS label, PPPoE. */
    ETHERNET_SHORT,
    /** More stacked VLAN tags than {@link DecoderConfig#maxVlanTags()}. */
    VLAN_DEPTH,
    /** No bottom-of-stack label within {@link DecoderConfig#maxMplsLabels()}. */
    MPLS_DEPTH,
    /** EtherType (or PPP, loopback AF) says IPv4 but the version nibble is not 4. */
    IPV4_VERSION,
    /** IHL below 5, or the header longer than the frame. */
    IPV4_HEADER_LEN,
    /** Total length below the header length, or beyond the frame (then not stopping). */
    IPV4_TOTAL_LEN,
    /** An IPv4 option with a bad length (not stopping). */
    IPV4_OPTIONS,
    /** EtherType (or PPP, loopback AF) says IPv6 but the version nibble is not 6. */
    IPV6_VERSION,
    /** An extension header runs past the end of the datagram. */
    IPV6_EXT_HEADER,
    /** More extension headers than {@link DecoderConfig#maxIpv6ExtHeaders()}. */
    IPV6_EXT_DEPTH,
    /** Data offset below 5, or the header longer than the datagram. */
    TCP_HEADER_LEN,
    /** A TCP option with a bad length (not stopping: header fields and payload are kept). */
    TCP_OPTIONS,
    /** UDP length below 8 or beyond the datagram (not stopping: ports kept). */
    UDP_LENGTH,
    /** The datagram ends inside the 8-byte ICMP header. */
    ICMP_SHORT,
    /** GRE version other than 0 and 1, routing present, or the header longer than the datagram. */
    GRE_HEADER,
    /** VXLAN header without the I flag or shorter than 8 bytes. */
    VXLAN_HEADER,
    /** More nested encapsulations than {@link DecoderConfig#maxTunnelDepth()}. */
    TUNNEL_DEPTH,
    /** A fragment other than the first: no ports in this packet (attributed by the flow table). */
    FRAGMENT_NO_PORTS,
    /** The frame ends inside a non-Ethernet link header (BSD loopback, Linux cooked v1/v2). */
    LINK_SHORT,
    /** Raw IP (link type 101) whose first nibble is neither 4 nor 6. */
    IP_VERSION,
    /** IPv6 payload length beyond the frame (not stopping: decoding goes on inside the frame). */
    IPV6_PAYLOAD_LEN,
    /** The frame ends inside the 40-byte fixed IPv6 header. */
    IPV6_SHORT,
    /** PPPoE session header with version/type other than 1/1, or a length below 2. */
    PPPOE_HEADER,
    /** The caller's offset/capLen lie outside the data segment (a caller bug, counted, not thrown). */
    BAD_BOUNDS;

    public String metric() {
        return "error." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
