package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.model.ExportFormat;
import dev.netproof.core.model.ExportedFlow;
import dev.netproof.core.model.ExportedFlow.ExtraField;
import dev.netproof.core.model.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What the records of one flow sample say, gathered before the {@link ExportedFlow} is made: reused
 * for every sample, {@link #reset()} between them. Public fields for the record readers.
 *
 * <p>When several records say the same thing, the first one in the sample wins for the packet's own
 * fields (addresses, ports, protocol, length: the raw header usually comes first and is what was on
 * the wire); for the input VLAN the extended switch record wins over the sampled header's tag, as it
 * is the switch's own statement of the input VLAN; for the next hop the extended router record wins
 * over the extended gateway's BGP next hop (see {@link ExportedFlow#nextHop()}).
 */
public final class FlowScratch {
    /** IPFIX element ids used for fields the row has no column for (the same numbers IPFIX exports use). */
    static final int IE_POST_VLAN_ID = 59;
    static final int IE_DOT1Q_CUSTOMER_VLAN_ID = 245;

    public static final int MAX_MPLS_LABELS = 16;

    /** A raw packet header record was read. */
    public boolean hasHeader;
    public boolean hasAddresses;
    public long srcHi, srcLo, dstHi, dstLo;
    public int srcPort, dstPort, ipProto, tcpFlags, tos;
    /** -1 until a record gives the length. */
    public long bytes;
    /** From the extended switch record, -1 when absent or not a VLAN id. */
    public int switchInVlan, switchOutVlan;
    /** From the sampled header's tags, -1 when untagged. */
    public int headerVlan, headerInnerVlan;
    public IpAddress routerNextHop, gatewayNextHop;
    public int srcMask, dstMask;
    public long srcAs, dstAs;
    public final int[] mpls = new int[MAX_MPLS_LABELS];
    public int mplsCount;

    public FlowScratch() {
        reset();
    }

    public void reset() {
        hasHeader = false;
        hasAddresses = false;
        srcHi = srcLo = dstHi = dstLo = 0;
        srcPort = dstPort = 0;
        ipProto = -1;
        tcpFlags = 0;
        tos = 0;
        bytes = -1;
        switchInVlan = switchOutVlan = -1;
        headerVlan = headerInnerVlan = -1;
        routerNextHop = gatewayNextHop = null;
        srcMask = dstMask = -1;
        srcAs = dstAs = 0;
        mplsCount = 0;
    }

    /** Sets the packet's addresses and transport fields unless an earlier record did. */
    public boolean claimPacket() {
        if (hasAddresses) return false;
        hasAddresses = true;
        return true;
    }

    /**
     * The flow of this sample.
     *
     * @param sample the sample's own fields (rate, interfaces)
     */
    public ExportedFlow toFlow(IpAddress agent, long subAgent, long receivedNanos, long samplingRate, long inIf,
                               long outIf) {
        IpAddress src = hasAddresses ? IpAddress.ofV6(srcHi, srcLo) : null;
        IpAddress dst = hasAddresses ? IpAddress.ofV6(dstHi, dstLo) : null;
        int vlan = switchInVlan >= 0 ? switchInVlan : headerVlan;
        List<Integer> labels = List.of();
        if (mplsCount > 0) {
            Integer[] boxed = new Integer[mplsCount];
            for (int i = 0; i < mplsCount; i++) boxed[i] = mpls[i];
            labels = List.of(boxed);
        }
        List<ExtraField> extra = List.of();
        if (switchOutVlan >= 0 || headerInnerVlan >= 0) {
            extra = new ArrayList<>(2);
            if (switchOutVlan >= 0) extra.add(new ExtraField(0, IE_POST_VLAN_ID, hex16(switchOutVlan)));
            if (headerInnerVlan >= 0) extra.add(new ExtraField(0, IE_DOT1Q_CUSTOMER_VLAN_ID, hex16(headerInnerVlan)));
        }
        return new ExportedFlow(ExportFormat.SFLOW_V5, agent, subAgent, receivedNanos, receivedNanos, receivedNanos,
                src, dst, srcPort, dstPort, ipProto, tcpFlags, tos, Math.max(0, bytes), 1, samplingRate, inIf, outIf,
                vlan, -1, srcAs, dstAs, routerNextHop != null ? routerNextHop : gatewayNextHop, srcMask, dstMask,
                -1, -1, labels, extra);
    }

    private static String hex16(int v) {
        String h = Integer.toHexString(v);
        return "0000".substring(h.length()) + h;
    }
}
