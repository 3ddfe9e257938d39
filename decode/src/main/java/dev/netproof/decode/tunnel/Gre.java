package dev.netproof.decode.tunnel;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;
import dev.netproof.decode.ip.IpLayer;

/**
 * GRE version 0 (RFC 2784, with the key and sequence of RFC 2890), IP protocol 47.
 * <pre>
 * +-+-+-+-+---------------+-----+-------------------------------+
 * |C|R|K|S| reserved0 (8) | ver |        protocol type          |
 * +-+-+-+-+---------------+-----+-------------------------------+
 * |      checksum (if C or R)     |    reserved1 / offset (if C or R)
 * +-------------------------------+-------------------------------+
 * |                          key (if K)                           |
 * +---------------------------------------------------------------+
 * |                    sequence number (if S)                     |
 * +---------------------------------------------------------------+
 * </pre>
 * Protocol types entered: 0x6558 (Ethernet, transparent bridging), 0x0800, 0x86DD, MPLS. Other
 * payloads (ERSPAN, PPTP's version-1 GRE, WCCP...) are left opaque without error: the packet stays
 * an outer GRE packet. The routing bit of RFC 1701 (a variable list of source-route entries,
 * deprecated) is {@link DecodeError#GRE_HEADER}, as is a version other than 0 and 1.
 */
public final class Gre {
    static final int FLAG_C = 0x8000, FLAG_R = 0x4000, FLAG_K = 0x2000, FLAG_S = 0x1000;
    static final int VERSION_MASK = 0x0007;

    private Gre() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + 4 > c.end()) return Status.cut(c, out, p + 4, DecodeError.GRE_HEADER);
        int flags = Bytes.u16(c.seg, p);
        int proto = Bytes.u16(c.seg, p + 2);
        int version = flags & VERSION_MASK;
        if (version > 1 || (flags & FLAG_R) != 0) return Status.fail(out, DecodeError.GRE_HEADER);
        if (version == 1 || !c.decapsulate) return IpLayer.opaque(c, out);
        long q = p + 4;
        if ((flags & FLAG_C) != 0) q += 4;
        long keyAt = q;
        if ((flags & FLAG_K) != 0) q += 4;
        if ((flags & FLAG_S) != 0) q += 4;
        if (q > c.end()) return Status.cut(c, out, q, DecodeError.GRE_HEADER);
        long key = (flags & FLAG_K) != 0 ? Bytes.u32(c.seg, keyAt) : -1;
        int next = switch (proto) {
            case Next.ETHERTYPE_TEB -> Next.ETHERNET;
            case Next.ETHERTYPE_IPV4 -> Next.IPV4;
            case Next.ETHERTYPE_IPV6 -> Next.IPV6;
            case Next.ETHERTYPE_MPLS, Next.ETHERTYPE_MPLS_MC -> Next.MPLS;
            default -> Next.DONE;
        };
        if (next == Next.DONE) {
            c.pos = q;
            return IpLayer.opaque(c, out);
        }
        return Tunnels.enter(c, out, q, key, next);
    }
}
