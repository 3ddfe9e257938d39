package dev.netproof.decode;

/**
 * Why a packet could not be decoded to the end of its headers. Each reason is a counter in the
 * quality ledger (stage {@code decode}, metric {@code error.<name>}).
 */
public enum DecodeError {
    NONE,
    /** Link type we do not decode. */
    UNSUPPORTED_LINKTYPE,
    /** EtherType / protocol we do not decode at L3 (ARP, LLDP...); counted, not an error of the packet. */
    NON_IP,
    ETHERNET_SHORT,
    VLAN_DEPTH,
    MPLS_DEPTH,
    IPV4_VERSION,
    IPV4_HEADER_LEN,
    IPV4_TOTAL_LEN,
    IPV4_OPTIONS,
    IPV6_VERSION,
    IPV6_EXT_HEADER,
    IPV6_EXT_DEPTH,
    TCP_HEADER_LEN,
    TCP_OPTIONS,
    UDP_LENGTH,
    ICMP_SHORT,
    GRE_HEADER,
    VXLAN_HEADER,
    TUNNEL_DEPTH,
    /** A fragment other than the first: no ports in this packet (attributed by the flow table). */
    FRAGMENT_NO_PORTS;

    public String metric() {
        return "error." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
