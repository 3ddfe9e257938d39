package dev.netproof.decode.ip;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * The IPv6 extension-header chain (RFC 8200 section 4), also used for an AH after IPv4.
 * <pre>
 * Hop-by-hop 0, routing 43, destination options 60, mobility 135, HIP 139, shim6 140:
 * +---------------+---------------+-------------------------------+
 * |  next header  | hdr ext len   | ... (hdr ext len + 1) * 8 bytes in all
 * +---------------+---------------+-------------------------------+
 * AH 51: same first two bytes, (payload len + 2) * 4 bytes in all.
 * Fragment 44, always 8 bytes:
 * +---------------+---------------+-------------------------+--+-+
 * |  next header  |   reserved    |  fragment offset (x8)   |res|M|
 * +---------------+---------------+-------------------------+--+-+
 * |                        identification                         |
 * +---------------------------------------------------------------+
 * </pre>
 * Only the next-header and length bytes are read (and the fragment fields), so a header cut by the
 * snaplen after them still leads to the next one, which then finds the capture ended. A header
 * running past the datagram is {@link DecodeError#IPV6_EXT_HEADER}; more than
 * {@code maxIpv6ExtHeaders} is {@link DecodeError#IPV6_EXT_DEPTH}. After a fragment header with a
 * non-zero offset the rest is fragment data, not headers.
 */
final class ExtensionHeaders {
    static final int HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, DEST_OPTIONS = 60, AH = 51;
    static final int MOBILITY = 135, HIP = 139, SHIM6 = 140;

    private ExtensionHeaders() {}

    /** Walks from header type {@code nh} at the cursor; leaves the cursor at the upper-layer header. */
    static int walk(Cursor c, DecodedPacket out, int nh) {
        var s = c.seg;
        long q = c.pos;
        for (int i = 0; ; i++) {
            int len;
            switch (nh) {
                case HOP_BY_HOP, ROUTING, DEST_OPTIONS, MOBILITY, HIP, SHIM6, AH -> {
                    if (i >= c.maxIpv6ExtHeaders) return Status.fail(out, DecodeError.IPV6_EXT_DEPTH);
                    if (q + 2 > c.end()) return Status.cut(c, out, q + 2, DecodeError.IPV6_EXT_HEADER);
                    int units = Bytes.u8(s, q + 1);
                    len = nh == AH ? (units + 2) << 2 : (units + 1) << 3;
                }
                case FRAGMENT -> {
                    if (i >= c.maxIpv6ExtHeaders) return Status.fail(out, DecodeError.IPV6_EXT_DEPTH);
                    if (q + 8 > c.end()) return Status.cut(c, out, q + 8, DecodeError.IPV6_EXT_HEADER);
                    int field = Bytes.u16(s, q + 2);
                    out.fragOffset = field & 0xfff8;
                    out.moreFragments = (field & 1) != 0;
                    out.fragment = out.fragOffset != 0 || out.moreFragments;
                    out.fragId = Bytes.u32(s, q + 4);
                    len = 8;
                }
                default -> {
                    out.ipProto = nh;
                    c.pos = q;
                    return Next.ofIpProto(nh);
                }
            }
            if (q + len > c.limit) return Status.fail(out, DecodeError.IPV6_EXT_HEADER);
            if (q + len > c.end()) out.truncated = true;   // body cut; what follows is cut too
            nh = Bytes.u8(s, q);
            out.ipProto = nh;
            q += len;
            if (out.fragOffset != 0) {
                c.pos = q;
                return IpLayer.laterFragment(c, out);
            }
        }
    }
}
