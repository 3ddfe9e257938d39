package dev.netproof.decode.internal;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;

/**
 * What a layer tells the dispatcher to decode next, at {@link Cursor#pos}. Plain int codes so the
 * dispatcher is one {@code switch} in a loop, with no object per step. The two mapping methods are
 * here, not in the protocol packages, so that no protocol package depends on another.
 */
public final class Next {
    public static final int DONE = 0;
    public static final int ETHERNET = 1;
    public static final int VLAN = 2;
    public static final int MPLS = 3;
    public static final int PPPOE = 4;
    public static final int IPV4 = 5;
    public static final int IPV6 = 6;
    public static final int TCP = 7;
    public static final int UDP = 8;
    public static final int ICMP = 9;
    public static final int GRE = 10;
    public static final int VXLAN = 11;
    /** IPv4 or IPv6 carried directly in IP (protocol 4 or 41). */
    public static final int IP_IN_IP = 12;
    /** An IP protocol we do not parse (ESP, SCTP, OSPF...): only the payload extent is recorded. */
    public static final int OTHER_L4 = 13;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_QINQ = 0x88a8;
    public static final int ETHERTYPE_QINQ_OLD = 0x9100;
    public static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    public static final int ETHERTYPE_MPLS = 0x8847;
    public static final int ETHERTYPE_MPLS_MC = 0x8848;
    public static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    /** GRE protocol type for Ethernet frames (transparent Ethernet bridging). */
    public static final int ETHERTYPE_TEB = 0x6558;

    private Next() {}

    /**
     * The layer an EtherType leads to. Records it in {@code out.etherType}; any type that does not
     * lead towards IP ends decoding with {@link DecodeError#NON_IP}.
     */
    public static int ofEtherType(int type, DecodedPacket out) {
        out.etherType = type;
        return switch (type) {
            case ETHERTYPE_IPV4 -> IPV4;
            case ETHERTYPE_IPV6 -> IPV6;
            case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD, ETHERTYPE_QINQ_OLD2 -> VLAN;
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MC -> MPLS;
            case ETHERTYPE_PPPOE_SESSION -> PPPOE;
            default -> Status.fail(out, DecodeError.NON_IP);
        };
    }

    /** The layer an IP protocol number (after IPv6 extension headers) leads to. */
    public static int ofIpProto(int proto) {
        return switch (proto) {
            case 6 -> TCP;
            case 17 -> UDP;
            case 1, 58 -> ICMP;
            case 47 -> GRE;
            case 4, 41 -> IP_IN_IP;
            default -> OTHER_L4;
        };
    }
}
