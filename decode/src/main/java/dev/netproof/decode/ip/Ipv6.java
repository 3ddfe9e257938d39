package dev.netproof.decode.ip;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Status;

/**
 * IPv6 header (RFC 8200).
 * <pre>
 *  0       4               12                                    31
 * +-------+---------------+---------------------------------------+
 * |version| traffic class |              flow label               |
 * +-------+-------+-------+-------+---------------+---------------+
 * |        payload length         |  next header  |   hop limit   |
 * +-------------------------------+---------------+---------------+
 * |                 source address (16 bytes)                     |
 * |                 destination address (16 bytes)                |
 * +---------------------------------------------------------------+
 * </pre>
 * The extension-header chain is walked by {@link ExtensionHeaders}. A payload
 * length of 0 with a next header other than 59 (no next header) is a jumbogram or a segmentation
 * offload capture: the frame then gives the length. ESP (50) ends the chain as an opaque payload.
 */
public final class Ipv6 {
    static final int HEADER_LEN = 40;
    static final int NO_NEXT_HEADER = 59;

    private Ipv6() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + HEADER_LEN > c.end()) {
            if (p < c.end() && (Bytes.u8(c.seg, p) >>> 4) != 6) return Status.fail(out, DecodeError.IPV6_VERSION);
            return Status.cut(c, out, p + HEADER_LEN, DecodeError.IPV6_SHORT);
        }
        var s = c.seg;
        if ((Bytes.u8(s, p) >>> 4) != 6) return Status.fail(out, DecodeError.IPV6_VERSION);
        IpLayer.enter(c, out);
        out.ipVersion = 6;
        out.srcHi = Bytes.i64(s, p + 8);
        out.srcLo = Bytes.i64(s, p + 16);
        out.dstHi = Bytes.i64(s, p + 24);
        out.dstLo = Bytes.i64(s, p + 32);
        out.ttl = Bytes.u8(s, p + 7);
        int nh = Bytes.u8(s, p + 6);
        out.ipProto = nh;
        int plen = Bytes.u16(s, p + 4);
        if (plen == 0 && nh != NO_NEXT_HEADER) plen = Math.clamp(c.limit - p - HEADER_LEN, 0, 0xffff);
        out.ipLen = HEADER_LEN + plen;
        long ipEnd = p + HEADER_LEN + plen;
        if (ipEnd > c.limit) Status.error(out, DecodeError.IPV6_PAYLOAD_LEN);
        c.narrow(ipEnd);
        c.pos = p + HEADER_LEN;
        return ExtensionHeaders.walk(c, out, nh);
    }
}
