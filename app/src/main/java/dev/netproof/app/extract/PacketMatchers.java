package dev.netproof.app.extract;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.PacketDecoder;
import dev.netproof.packetstore.PacketMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact checks behind the index: each candidate packet is decoded as at ingest and compared with
 * the flows or the host asked for. One instance per extraction (the decoder's scratch is reused).
 */
final class PacketMatchers {
    private PacketMatchers() {}

    /** Packets from or to {@code host}. */
    static PacketMatcher host(IpAddress host) {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        long hi = host.hi(), lo = host.lo();
        return (data, capLen, wireLen, ts, linkType) -> {
            decoder.decode(data, 0, capLen, wireLen, ts, linkType, p);
            return p.ipVersion != 0 && (p.srcHi == hi && p.srcLo == lo || p.dstHi == hi && p.dstLo == lo);
        };
    }

    /**
     * Packets of any of {@code flows}: same addresses (either direction), protocol and outer VLAN, time
     * within the flow's first and last packet, and the same ports in the matching direction. A packet
     * without ports (a later IP fragment) passes on addresses and protocol: the index let it through
     * with the flow's hash, which the flow table gave it by fragment id at ingest. ICMP type and code
     * are not compared (a request and its reply are one flow).
     */
    static PacketMatcher flows(List<FlowKeyRow> flows) {
        Map<Long, List<FlowKeyRow>> byPair = new HashMap<>();
        for (FlowKeyRow f : flows) byPair.computeIfAbsent(f.pairKey(), k -> new ArrayList<>(1)).add(f);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        return (data, capLen, wireLen, ts, linkType) -> {
            decoder.decode(data, 0, capLen, wireLen, ts, linkType, p);
            if (p.ipVersion == 0) return false;
            int proto = p.ipProto & 0xff;
            List<FlowKeyRow> candidates = byPair.get(FlowKeyRow.pairKey(p.srcHi, p.srcLo, p.dstHi, p.dstLo, proto));
            if (candidates == null) return false;
            for (FlowKeyRow f : candidates) {
                if (matches(f, p, proto, ts)) return true;
            }
            return false;
        };
    }

    private static boolean matches(FlowKeyRow f, DecodedPacket p, int proto, long ts) {
        if (ts < f.fromNanos() || ts > f.toNanos() || proto != f.proto() || p.vlan != f.vlan()) return false;
        boolean fromOrig = p.srcHi == f.orig().hi() && p.srcLo == f.orig().lo()
                && p.dstHi == f.resp().hi() && p.dstLo == f.resp().lo();
        boolean fromResp = p.srcHi == f.resp().hi() && p.srcLo == f.resp().lo()
                && p.dstHi == f.orig().hi() && p.dstLo == f.orig().lo();
        if (!fromOrig && !fromResp) return false;
        if (!p.hasPorts || proto == 1 || proto == 58) return true;
        if (fromOrig && p.srcPort == f.origP() && p.dstPort == f.respP()) return true;
        return fromResp && p.srcPort == f.respP() && p.dstPort == f.origP();
    }
}
