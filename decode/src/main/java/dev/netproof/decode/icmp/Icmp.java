package dev.netproof.decode.icmp;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * ICMP (IP protocol 1) and ICMPv6 (58) share the first 4 bytes and an 8-byte header:
 * <pre>
 * +---------------+---------------+-------------------------------+
 * |     type      |     code      |           checksum            |
 * +---------------+---------------+-------------------------------+
 * |           rest of header (id/sequence, MTU, unused...)        |
 * +---------------------------------------------------------------+
 * </pre>
 * As in Zeek's connection model, the type goes to {@code srcPort} and the code to {@code dstPort},
 * with {@code hasPorts} true, so that ICMP gets flows like the port-based protocols. The payload is
 * what follows the 8-byte header; the IP header quoted by error messages is not decoded.
 */
public final class Icmp {
    static final int HEADER_LEN = 8;

    private Icmp() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        long end = c.end();
        if (p + 2 <= end) {
            out.srcPort = Bytes.u8(c.seg, p);
            out.dstPort = Bytes.u8(c.seg, p + 1);
            out.hasPorts = true;
        }
        if (p + HEADER_LEN > end) return Status.cut(c, out, p + HEADER_LEN, DecodeError.ICMP_SHORT);
        Status.payload(c, out, p + HEADER_LEN, (int) (c.limit - p - HEADER_LEN));
        return Next.DONE;
    }
}
