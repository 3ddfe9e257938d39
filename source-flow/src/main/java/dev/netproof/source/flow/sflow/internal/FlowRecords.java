package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.IpAddress;
import dev.netproof.source.flow.sflow.SflowMetric;
import java.lang.foreign.MemorySegment;

/**
 * The flow records other than the raw packet header, each read into a {@link FlowScratch}. Layouts
 * (sFlow v5, 4-byte words unless said):
 * <pre>
 * 2 sampled Ethernet: length | src MAC (6, padded to 8) | dst MAC (8) | type                        24 bytes
 * 3 sampled IPv4:     length | protocol | src (4) | dst (4) | src port | dst port | tcp flags | tos  32 bytes
 * 4 sampled IPv6:     length | protocol | src (16) | dst (16) | src port | dst port | tcp flags | priority  56
 * 1001 ext. switch:   src vlan | src priority | dst vlan | dst priority                            16 bytes
 * 1002 ext. router:   next hop (type + 4/16) | src mask len | dst mask len
 * 1003 ext. gateway:  next hop (type + 4/16) | as | src as | src peer as | path segments count
 *                     | per segment: type | count | count ASes | communities... | localpref
 * </pre>
 * A record shorter than its fixed part is counted and skipped. Stateless apart from its counters.
 */
public final class FlowRecords {
    static final int SAMPLED_ETHERNET_LEN = 24, SAMPLED_IPV4_LEN = 32, SAMPLED_IPV6_LEN = 56, SWITCH_LEN = 16;
    /** VLAN ids are 12 bits; agents send 0xffffffff for "unknown". */
    static final long MAX_VLAN = 4095;

    private final StageCounters counters;

    public FlowRecords(StageCounters counters) {
        this.counters = counters;
    }

    /** Sampled Ethernet (2): only its length is used (the frame length when no raw header came first). */
    public void sampledEthernet(MemorySegment s, long p, long end, FlowScratch out) {
        if (!fits(p, end, SAMPLED_ETHERNET_LEN)) return;
        if (out.bytes < 0) out.bytes = Xdr.u32(s, p);
        // MAC addresses and EtherType: the row keys on IP and has no column for them.
    }

    /** Sampled IPv4 (3). */
    public void sampledIpv4(MemorySegment s, long p, long end, FlowScratch out) {
        if (!fits(p, end, SAMPLED_IPV4_LEN)) return;
        if (out.bytes < 0) out.bytes = Xdr.u32(s, p);
        if (!out.claimPacket()) return;
        out.srcHi = out.dstHi = 0;
        out.srcLo = 0x0000_ffff_0000_0000L | Xdr.u32(s, p + 8);
        out.dstLo = 0x0000_ffff_0000_0000L | Xdr.u32(s, p + 12);
        transport(s, p + 4, p + 16, out);
        out.tos = (int) (Xdr.u32(s, p + 28) & 0xff);
    }

    /** Sampled IPv6 (4). */
    public void sampledIpv6(MemorySegment s, long p, long end, FlowScratch out) {
        if (!fits(p, end, SAMPLED_IPV6_LEN)) return;
        if (out.bytes < 0) out.bytes = Xdr.u32(s, p);
        if (!out.claimPacket()) return;
        out.srcHi = Xdr.u64(s, p + 8);
        out.srcLo = Xdr.u64(s, p + 16);
        out.dstHi = Xdr.u64(s, p + 24);
        out.dstLo = Xdr.u64(s, p + 32);
        transport(s, p + 4, p + 40, out);
        out.tos = (int) (Xdr.u32(s, p + 52) & 0xff);
    }

    /** Protocol at {@code proto}; ports and TCP flags from {@code ports} on. */
    private void transport(MemorySegment s, long proto, long ports, FlowScratch out) {
        out.ipProto = (int) (Xdr.u32(s, proto) & 0xff);
        long src = Xdr.u32(s, ports);
        long dst = Xdr.u32(s, ports + 4);
        if (src > 0xffff || dst > 0xffff) {
            counters.inc(SflowMetric.ERROR__PORT_RANGE);
            src = dst = 0;
        }
        out.srcPort = (int) src;
        out.dstPort = (int) dst;
        out.tcpFlags = out.ipProto == 6 ? (int) (Xdr.u32(s, ports + 8) & 0xff) : 0;
    }

    /** Extended switch (1001): input and output VLAN. */
    public void extendedSwitch(MemorySegment s, long p, long end, FlowScratch out) {
        if (!fits(p, end, SWITCH_LEN)) return;
        long in = Xdr.u32(s, p);
        long outVlan = Xdr.u32(s, p + 8);
        out.switchInVlan = in <= MAX_VLAN ? (int) in : -1;
        out.switchOutVlan = outVlan <= MAX_VLAN ? (int) outVlan : -1;
    }

    /** Extended router (1002): IP next hop and prefix lengths. */
    public void extendedRouter(MemorySegment s, long p, long end, FlowScratch out) {
        int alen = addressLength(s, p, end);
        if (alen < 0) return;
        long q = p + 4 + alen;
        if (!fits(q, end, 8)) return;
        out.routerNextHop = Xdr.address(s, p + 4, Xdr.i32(s, p));
        out.srcMask = (int) Math.min(Xdr.u32(s, q), 128);
        out.dstMask = (int) Math.min(Xdr.u32(s, q + 4), 128);
    }

    /**
     * Extended gateway (1003): BGP next hop, source AS, and the destination AS: the last AS of the AS
     * path, or the router's own AS when the path is empty (the destination is in the router's AS).
     */
    public void extendedGateway(MemorySegment s, long p, long end, FlowScratch out) {
        int alen = addressLength(s, p, end);
        if (alen < 0) return;
        long q = p + 4 + alen;
        if (!fits(q, end, 16)) return;
        IpAddress nextHop = Xdr.address(s, p + 4, Xdr.i32(s, p));
        long routerAs = Xdr.u32(s, q);
        long srcAs = Xdr.u32(s, q + 4);
        long segments = Xdr.u32(s, q + 12);
        q += 16;
        long lastAs = -1;
        for (long i = 0; i < segments; i++) {
            if (end - q < 8) {
                counters.inc(SflowMetric.ERROR__AS_PATH_LENGTH);
                return;
            }
            long n = Xdr.u32(s, q + 4);
            q += 8;
            if (n > (end - q) / 4) {
                counters.inc(SflowMetric.ERROR__AS_PATH_LENGTH);
                return;
            }
            if (n > 0) lastAs = Xdr.u32(s, q + 4 * (n - 1));
            q += 4 * n;
        }
        out.gatewayNextHop = nextHop;
        out.srcAs = srcAs;
        out.dstAs = lastAs >= 0 ? lastAs : routerAs;
    }

    /** The length of the address at {@code p} after its type word, or -1 (counted) if it does not fit. */
    private int addressLength(MemorySegment s, long p, long end) {
        if (!fits(p, end, 4)) return -1;
        int alen = Xdr.addressLength(Xdr.i32(s, p));
        if (alen < 0) {
            counters.inc(SflowMetric.ERROR__RECORD_ADDRESS_TYPE);
            return -1;
        }
        return fits(p + 4, end, alen) ? alen : -1;
    }

    private boolean fits(long p, long end, int len) {
        if (end - p >= len) return true;
        counters.inc(SflowMetric.ERROR__RECORD_SHORT);
        return false;
    }
}
