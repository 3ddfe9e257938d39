package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.DecoderConfig;
import dev.netproof.decode.LinkTypes;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.source.flow.sflow.SflowMetric;
import java.lang.foreign.MemorySegment;

/**
 * The raw packet header record (flow record 1): the first bytes of the sampled packet, decoded by the
 * same {@link PacketDecoder} as captured packets.
 * <pre>
 * +-----------------+-----------------+-----------------+-----------------+----------------------+
 * | header_protocol | frame_length    | stripped        | header_length   | header bytes, padded |
 * +-----------------+-----------------+-----------------+-----------------+----------------------+
 *   4                 4                 4                 4                 header_length (+0..3)
 * </pre>
 * {@code frame_length} is the packet's length on the wire, {@code stripped} what the agent removed
 * before taking the header (the FCS, or the link header for an IPv4/IPv6 header protocol), so the
 * decoder is told {@code frame_length - stripped} as the wire length of the bytes it sees.
 *
 * <p>The MPLS label values and the ToS byte, which {@link DecodedPacket} does not keep, are read here
 * from the outer headers ({@link #walkLinkHeaders}); for a tunnelled packet (VXLAN, GRE) the ToS is
 * left absent rather than mixing the outer header's ToS with the inner header's addresses.
 *
 * <p>One decoder and one {@link DecodedPacket}, reused; no allocation per header. Not thread-safe.
 */
public final class RawHeader {
    static final int FIXED_LEN = 16;
    /** sFlow header_protocol values (sFlow v5, "header_protocol"). */
    static final int PROTO_ETHERNET = 1, PROTO_IPV4 = 11, PROTO_IPV6 = 12;
    private static final int MAX_VLAN_TAGS = 16;

    private final PacketDecoder decoder;
    private final DecodedPacket packet = new DecodedPacket();
    private final StageCounters counters;

    public RawHeader(DecoderConfig config, StageCounters counters) {
        this.decoder = new PacketDecoder(config);
        this.counters = counters;
    }

    /** Reads the record at {@code [p, end)} into {@code out}; the caller has proven {@code end - p >= 16}. */
    public void read(MemorySegment s, long p, long end, long tsNanos, FlowScratch out) {
        int protocol = Xdr.i32(s, p);
        long frameLen = Xdr.u32(s, p + 4);
        long stripped = Xdr.u32(s, p + 8);
        long headerLen = Xdr.u32(s, p + 12);
        if (headerLen > end - p - FIXED_LEN) {
            counters.inc(SflowMetric.ERROR__HEADER_LENGTH);
            return;
        }
        if (out.hasHeader) return; // a second raw header in one sample: the first one describes the packet
        out.hasHeader = true;
        if (out.bytes < 0) out.bytes = frameLen;
        int linkType = switch (protocol) {
            case PROTO_ETHERNET -> LinkTypes.ETHERNET;
            case PROTO_IPV4 -> LinkTypes.IPV4;
            case PROTO_IPV6 -> LinkTypes.IPV6;
            default -> -1;
        };
        if (linkType < 0) {
            counters.inc(SflowMetric.HEADER_UNSUPPORTED_PROTOCOL);
            return;
        }
        long h = p + FIXED_LEN;
        int capLen = (int) headerLen;
        long wire = frameLen - stripped;
        int wireLen = wire >= capLen && wire <= Integer.MAX_VALUE ? (int) wire : capLen;
        DecodedPacket pkt = packet;
        decoder.decode(s, h, capLen, wireLen, tsNanos, linkType, pkt);
        if (pkt.error == DecodeError.NON_IP) {
            counters.inc(SflowMetric.HEADER_NON_IP);
        } else if (pkt.error != DecodeError.NONE && pkt.error != DecodeError.FRAGMENT_NO_PORTS) {
            counters.inc(SflowMetric.HEADER_MALFORMED);
        }
        if (pkt.truncated) counters.inc(SflowMetric.HEADER_TRUNCATED);
        out.headerVlan = pkt.vlan;
        out.headerInnerVlan = pkt.innerVlan;
        int tos = walkLinkHeaders(s, h, h + capLen, linkType, out);
        if (pkt.ipVersion == 0 || !out.claimPacket()) return;
        out.srcHi = pkt.srcHi;
        out.srcLo = pkt.srcLo;
        out.dstHi = pkt.dstHi;
        out.dstLo = pkt.dstLo;
        out.ipProto = pkt.ipProto;
        out.tos = pkt.tunnelDepth == 0 && tos >= 0 ? tos : 0;
        if (pkt.hasPorts) {
            if (pkt.ipProto == 1 || pkt.ipProto == 58) {
                // ExportedFlow's convention for ICMP (NetFlow's): type * 256 + code in the destination port.
                out.srcPort = 0;
                out.dstPort = (pkt.srcPort & 0xff) << 8 | (pkt.dstPort & 0xff);
            } else {
                out.srcPort = pkt.srcPort;
                out.dstPort = pkt.dstPort;
            }
        }
        if (pkt.isTcp()) out.tcpFlags = pkt.tcpFlags;
    }

    /**
     * Walks Ethernet, its VLAN tags and an MPLS stack to the first IP header, keeping the MPLS label
     * values in {@code out.mpls}; returns that IP header's ToS / traffic class byte, -1 if none was
     * reached within {@code [p, end)}. Bounded by the tag and label limits, whatever the bytes.
     */
    static int walkLinkHeaders(MemorySegment s, long p, long end, int linkType, FlowScratch out) {
        long q = p;
        if (linkType == LinkTypes.ETHERNET) {
            if (end - q < 14) return -1;
            int type = Xdr.u16(s, q + 12);
            q += 14;
            for (int i = 0; i < MAX_VLAN_TAGS && isVlanTpid(type); i++) {
                if (end - q < 4) return -1;
                type = Xdr.u16(s, q + 2);
                q += 4;
            }
            if (type == 0x8847 || type == 0x8848) {
                while (true) {
                    if (end - q < 4 || out.mplsCount == FlowScratch.MAX_MPLS_LABELS) return -1;
                    int entry = Xdr.i32(s, q);
                    out.mpls[out.mplsCount++] = entry >>> 12;
                    q += 4;
                    if ((entry & 0x100) != 0) break;
                }
            } else if (type != 0x0800 && type != 0x86dd) {
                return -1;
            }
        }
        if (end - q < 2) return -1;
        int b0 = Xdr.u8(s, q);
        int b1 = Xdr.u8(s, q + 1);
        return switch (b0 >>> 4) {
            case 4 -> b1;
            case 6 -> (b0 & 0x0f) << 4 | b1 >>> 4;
            default -> -1;
        };
    }

    private static boolean isVlanTpid(int type) {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200;
    }
}
