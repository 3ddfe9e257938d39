package dev.netproof.decode.testing;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.DecoderConfig;

/**
 * What must hold for every decoded packet, whatever the input: the consistency of
 * {@code error}, {@code truncated} and the fields. Throws {@link AssertionError} naming the broken rule.
 */
public final class Invariants {
    private Invariants() {}

    public static void check(DecodedPacket d, int capLen, int wireLen, DecoderConfig config) {
        require(d.capLen == capLen && d.wireLen == wireLen, "capLen/wireLen copied", d);
        require(d.error != null, "error is never null", d);
        require(!d.truncated || capLen < wireLen, "truncated only when the capture is shorter than the wire", d);
        require(d.ipVersion == 0 || d.ipVersion == 4 || d.ipVersion == 6, "ipVersion in {0,4,6}", d);
        require(d.ipVersion != 0 || d.error != DecodeError.NONE || d.truncated,
                "no IP layer is explained by an error or truncation", d);
        require(d.ipVersion != 0 || (!d.hasPorts && d.ipProto == -1 && d.payloadLen == 0 && d.tunnelDepth == 0),
                "no L3/L4 fields without IP", d);
        require(d.ipVersion != 4 || d.ipLen >= 20, "IPv4 length covers its header", d);
        require(d.ipVersion != 6 || d.ipLen >= 40, "IPv6 length covers its header", d);
        require(d.ttl >= 0 && d.ttl <= 255 && d.ipProto >= -1 && d.ipProto <= 255, "byte fields in range", d);
        require(d.fragment == (d.fragOffset != 0 || d.moreFragments), "fragment iff offset or MF", d);
        require(d.fragOffset == 0 || !d.hasPorts, "no ports in a later fragment", d);
        require(d.error != DecodeError.FRAGMENT_NO_PORTS || (d.fragOffset > 0 && !d.hasPorts),
                "FRAGMENT_NO_PORTS only for a later fragment", d);
        require(!portProtocol(d.ipProto) || d.hasPorts || d.fragOffset != 0 || d.error != DecodeError.NONE
                || d.truncated, "TCP/UDP/ICMP decoded cleanly has ports", d);
        require(d.srcPort >= 0 && d.srcPort <= 0xffff && d.dstPort >= 0 && d.dstPort <= 0xffff, "ports in range", d);
        require(d.hasPorts || (d.srcPort == 0 && d.dstPort == 0 && d.tcpFlags == 0), "no port fields without ports", d);
        require(d.payloadLen >= 0 && d.payloadCaptured >= 0 && d.payloadCaptured <= d.payloadLen,
                "0 <= payloadCaptured <= payloadLen", d);
        require(d.payloadCaptured == 0 || (d.payloadOffset >= 0 && d.payloadOffset + d.payloadCaptured <= capLen),
                "captured payload inside the capture", d);
        require(d.vlan >= -1 && d.vlan <= 4095 && d.innerVlan >= -1 && d.innerVlan <= 4095, "VLAN ids 12-bit", d);
        require(d.vlan >= 0 || d.innerVlan == -1, "no inner VLAN without an outer one", d);
        require(d.tunnelDepth >= 0 && d.tunnelDepth <= config.maxTunnelDepth(), "tunnel depth bounded", d);
        require(d.tunnelDepth == 0 || d.tunnelId >= -1, "tunnel id", d);
        require(d.mplsLabels >= 0 && d.mplsLabels <= config.maxMplsLabels() * (config.maxTunnelDepth() + 1),
                "MPLS labels bounded", d);
        require(d.mss >= -1 && d.mss <= 0xffff && d.windowScale >= -1 && d.windowScale <= 255, "option ranges", d);
        require(d.sackBlocks >= 0 && d.sackBlocks <= 4, "at most 4 SACK blocks fit in 40 bytes of options", d);
        require(d.ipProto == 6 || (d.mss == -1 && d.windowScale == -1 && !d.hasTimestamps && d.window == 0),
                "TCP fields only for TCP", d);
        if (d.error == DecodeError.UNSUPPORTED_LINKTYPE || d.error == DecodeError.BAD_BOUNDS) {
            require(d.ipVersion == 0 && d.vlan == -1 && d.etherType == -1 && !d.truncated, "nothing decoded", d);
        }
    }

    private static boolean portProtocol(int proto) {
        return proto == 6 || proto == 17 || proto == 1 || proto == 58;
    }

    private static void require(boolean ok, String rule, DecodedPacket d) {
        if (!ok) throw new AssertionError("invariant broken: " + rule + " in " + describe(d));
    }

    public static String describe(DecodedPacket d) {
        return "{cap=" + d.capLen + " wire=" + d.wireLen + " err=" + d.error + " trunc=" + d.truncated
                + " ipv" + d.ipVersion + " proto=" + d.ipProto + " ipLen=" + d.ipLen + " ports=" + d.hasPorts + " "
                + d.srcPort + ">" + d.dstPort + " frag=" + d.fragment + "/" + d.fragOffset + "/" + d.moreFragments
                + " payload=" + d.payloadLen + "@" + d.payloadOffset + " captured=" + d.payloadCaptured
                + " vlan=" + d.vlan + "/" + d.innerVlan + " mpls=" + d.mplsLabels + " tunnels=" + d.tunnelDepth
                + " etherType=" + d.etherType + "}";
    }
}
