package dev.netproof.flow.internal;

import dev.netproof.core.model.CloseReason;
import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;
import dev.netproof.core.model.Transport;
import dev.netproof.flow.id.CommunityId;

/** Turns a slot of the flow table into an immutable {@link Flow} row, Zeek's conn.log semantics. */
public final class RowBuilder {
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final FlowColumns c;
    private final String source;
    private final long uidSeed;

    public RowBuilder(FlowColumns c, String source, long uidSeed) {
        this.c = c;
        this.source = source;
        this.uidSeed = uidSeed;
    }

    public Flow build(int s, CloseReason reason) {
        int ipProto = c.ipProto(s);
        Transport proto = Transport.ofIpProto(ipProto);
        String history = History.decode(c.hist0[s], c.hist1[s]);
        long origBytes, respBytes;
        String connState;
        long end;
        switch (proto) {
            case TCP -> {
                origBytes = TcpTracker.size(c, s, 0);
                respBytes = TcpTracker.size(c, s, 1);
                connState = TcpTracker.connState(c, s, history);
                end = c.durEnd[s];
            }
            case UDP -> {
                origBytes = c.seqA[s];
                respBytes = c.seqB[s];
                boolean o = c.pktsA[s] > 0, r = c.pktsB[s] > 0;
                connState = o ? (r ? "SF" : "S0") : (r ? "SHR" : "OTH");
                end = c.lastTs[s];
            }
            default -> {
                origBytes = c.seqA[s];
                respBytes = c.seqB[s];
                connState = "OTH";
                end = c.lastTs[s];
            }
        }
        int ports = c.ports[s];
        int origP = ports >>> 16, respP = ports & 0xffff;
        String communityId = CommunityId.v1(0, ipProto, c.aHi[s], c.aLo[s], c.bHi[s], c.bLo[s], origP, respP);
        long first = c.firstTs[s];
        return new Flow(first, uid(s), new IpAddress(c.aHi[s], c.aLo[s]), origP,
                new IpAddress(c.bHi[s], c.bLo[s]), respP, proto, ipProto, Math.max(0, end - first),
                origBytes, respBytes, connState, history, c.pktsA[s], c.ipBytesA[s], c.pktsB[s], c.ipBytesB[s],
                c.vlan(s), c.innerVlan(s), communityId, reason, source);
    }

    /** A Zeek-looking uid ("C" + base62), derived from the key and first timestamp: stable across re-runs. */
    String uid(int s) {
        long h1 = mix(c.aHi[s] ^ mix(c.aLo[s] ^ uidSeed));
        h1 = mix(h1 ^ c.bHi[s]) ^ mix(c.bLo[s] + c.ports[s]);
        long h2 = mix(h1 ^ c.firstTs[s] ^ c.meta[s] * 0x9E3779B97F4A7C15L);
        h1 = mix(h1 + h2);
        StringBuilder sb = new StringBuilder(19).append('C');
        appendBase62(sb, h1 >>> 1, 10);
        appendBase62(sb, h2 >>> 1, 8);
        return sb.toString();
    }

    private static void appendBase62(StringBuilder sb, long v, int digits) {
        for (int i = 0; i < digits; i++) {
            sb.append(BASE62[(int) (v % 62)]);
            v /= 62;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
