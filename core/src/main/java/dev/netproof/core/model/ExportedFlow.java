package dev.netproof.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One flow record as a router or switch exported it (NetFlow v5/v9, IPFIX), or one packet sample of
 * an sFlow agent. Unlike {@link Flow} it is one direction only and carries what the exporter chose to
 * say; fields the export did not carry have the "absent" value given below.
 *
 * <p>Counts are as exported, not scaled: {@code bytes} and {@code packets} times {@code samplingRate}
 * estimate the traffic. Times are nanoseconds since the Unix epoch, converted from whatever encoding the
 * export used (uptime-relative milliseconds, seconds, deltas...).
 *
 * @param format        the export protocol
 * @param exporter      who exported it: the sFlow agent address, else the export datagram's source address
 * @param domain        NetFlow v9 source id, IPFIX observation domain, sFlow sub-agent id, NetFlow v5
 *                      {@code engine_type << 8 | engine_id}
 * @param receivedNanos when the export datagram was received (captured)
 * @param startNanos    the flow's first packet; for an sFlow sample, the datagram's time. 0 when absent
 * @param endNanos      the flow's last packet; 0 when absent
 * @param srcAddr       null when absent (e.g. a layer-2 only record)
 * @param dstAddr       null when absent
 * @param srcPort       0 when absent; for ICMP, NetFlow's convention: 0 and dstPort = type * 256 + code
 * @param ipProto       IP protocol number, -1 when absent
 * @param tcpFlags      the OR of the TCP flags seen, 0 when absent
 * @param tos           IP ToS / traffic class byte, 0 when absent
 * @param bytes         octets (layer 3 for NetFlow/IPFIX, the frame length for an sFlow sample)
 * @param packets       packets, 1 for an sFlow sample
 * @param samplingRate  1 in N packets was sampled; 1 when the exporter said it does not sample; 0 when
 *                      nothing about sampling was known
 * @param inIf          input interface index (SNMP ifIndex), -1 when absent
 * @param outIf         output interface index, -1 when absent
 * @param vlan          VLAN id (source VLAN for IPFIX/v9; input VLAN for sFlow), -1 when absent
 * @param direction     0 ingress, 1 egress, -1 when absent
 * @param srcAs         source AS number, 0 when absent
 * @param dstAs         destination AS number, 0 when absent
 * @param nextHop       IP next hop (BGP next hop when no IP next hop was exported), null when absent
 * @param srcMask       source prefix length, -1 when absent
 * @param dstMask       destination prefix length, -1 when absent
 * @param endReason     why the exporter ended the flow (IPFIX flowEndReason: 1 idle timeout, 2 active
 *                      timeout, 3 end of flow, 4 forced end, 5 lack of resources), -1 when absent
 * @param ipVersion     the IP version the exporter stated (4 or 6), -1 when absent
 * @param mplsLabels    MPLS label stack, top first, as 20-bit label values; empty when absent
 * @param extra         fields not mapped above, kept by number (enterprise-specific ones included)
 */
public record ExportedFlow(
        ExportFormat format,
        IpAddress exporter,
        long domain,
        long receivedNanos,
        long startNanos,
        long endNanos,
        IpAddress srcAddr,
        IpAddress dstAddr,
        int srcPort,
        int dstPort,
        int ipProto,
        int tcpFlags,
        int tos,
        long bytes,
        long packets,
        long samplingRate,
        long inIf,
        long outIf,
        int vlan,
        int direction,
        long srcAs,
        long dstAs,
        IpAddress nextHop,
        int srcMask,
        int dstMask,
        int endReason,
        int ipVersion,
        List<Integer> mplsLabels,
        List<ExtraField> extra) {

    public ExportedFlow {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(exporter, "exporter");
        mplsLabels = List.copyOf(mplsLabels);
        extra = List.copyOf(extra);
        if (srcPort < 0 || srcPort > 0xffff || dstPort < 0 || dstPort > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + srcPort + ", " + dstPort);
        }
        if (bytes < 0 || packets < 0 || samplingRate < 0) {
            throw new IllegalArgumentException("negative count or sampling rate");
        }
    }

    /**
     * A field the row has no column for, kept by its number.
     *
     * @param enterprise IPFIX private enterprise number, 0 for IANA (and NetFlow v9) elements
     * @param element    information element id (without the enterprise bit)
     * @param value      the field's bytes in lower-case hex
     */
    public record ExtraField(long enterprise, int element, String value) {
        public ExtraField {
            Objects.requireNonNull(value, "value");
        }
    }
}
