package dev.netproof.decode.link;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * BSD loopback headers: LINKTYPE_NULL (0) and LINKTYPE_LOOP (108).
 * <pre>
 *  0                   1                   2                   3
 * +-------+-------+-------+-------+
 * |   address family (4 bytes)    |  then the IP header
 * +-------+-------+-------+-------+
 * </pre>
 * NULL stores the family in the byte order of the host that captured, LOOP in big-endian. Files
 * move between hosts, so both orders are accepted for both: the family is a small number, and a
 * value with any bit above the low 16 set can only be the other byte order. IPv6 has three values
 * because the BSDs disagree: 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (Darwin).
 */
public final class Loopback {
    static final int AF_INET = 2;
    static final int AF_INET6_BSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    private Loopback() {}

    public static int decode(Cursor c, DecodedPacket out, boolean bigEndian) {
        long p = c.pos;
        if (p + 4 > c.end()) return Status.cut(c, out, p + 4, DecodeError.LINK_SHORT);
        int af = bigEndian ? Bytes.i32(c.seg, p) : Bytes.i32le(c.seg, p);
        if ((af & 0xffff_0000) != 0) af = Integer.reverseBytes(af);
        c.pos = p + 4;
        return switch (af) {
            case AF_INET -> Next.IPV4;
            case AF_INET6_BSD, AF_INET6_FREEBSD, AF_INET6_DARWIN -> Next.IPV6;
            default -> Status.fail(out, DecodeError.NON_IP);
        };
    }
}
