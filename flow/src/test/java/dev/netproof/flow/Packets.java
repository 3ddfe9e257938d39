package dev.netproof.flow;

import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.DecodedPacket;

/** Builds decoded packets by hand for flow-table tests: what a decoder would have produced. */
final class Packets {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    private Packets() {}

    static DecodedPacket tcp(long tsMicros, String src, int sport, String dst, int dport, int flags, long seq, long ack,
                             int len) {
        DecodedPacket p = ip(tsMicros, src, dst, 6, 40 + len);
        p.hasPorts = true;
        p.srcPort = sport;
        p.dstPort = dport;
        p.tcpFlags = flags;
        p.seq = seq & 0xffff_ffffL;
        p.ack = ack & 0xffff_ffffL;
        p.window = 65535;
        p.payloadLen = len;
        return p;
    }

    static DecodedPacket udp(long tsMicros, String src, int sport, String dst, int dport, int len) {
        DecodedPacket p = ip(tsMicros, src, dst, 17, 28 + len);
        p.hasPorts = true;
        p.srcPort = sport;
        p.dstPort = dport;
        p.payloadLen = len;
        return p;
    }

    static DecodedPacket icmp(long tsMicros, String src, String dst, int type, int code, int len) {
        DecodedPacket p = ip(tsMicros, src, dst, 1, 28 + len);
        p.hasPorts = true;
        p.srcPort = type;
        p.dstPort = code;
        p.payloadLen = len;
        return p;
    }

    static DecodedPacket ip(long tsMicros, String src, String dst, int proto, int ipLen) {
        DecodedPacket p = new DecodedPacket();
        p.tsNanos = tsMicros * 1000;
        IpAddress s = IpAddress.parse(src), d = IpAddress.parse(dst);
        p.ipVersion = s.isV4() ? 4 : 6;
        p.srcHi = s.hi();
        p.srcLo = s.lo();
        p.dstHi = d.hi();
        p.dstLo = d.lo();
        p.ipProto = proto;
        p.ipLen = ipLen;
        p.wireLen = p.capLen = ipLen + 14;
        return p;
    }
}
