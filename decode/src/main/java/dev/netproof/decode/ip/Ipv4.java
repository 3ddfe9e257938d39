package dev.netproof.decode.ip;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;
import java.lang.foreign.MemorySegment;

/**
 * IPv4 header (RFC 791).
 * <pre>
 *  0       4       8              16    19                       31
 * +-------+-------+---------------+-------------------------------+
 * |version|  IHL  |   DSCP/ECN    |         total length          |
 * +-------+-------+---------------+-----+-------------------------+
 * |        identification         |flags|   fragment offset (x8)  |   flags: reserved, DF, MF
 * +---------------+---------------+-----+-------------------------+
 * |      TTL      |   protocol    |        header checksum        |
 * +---------------+---------------+-------------------------------+
 * |                        source address                         |
 * +---------------------------------------------------------------+
 * |                      destination address                      |
 * +---------------------------------------------------------------+
 * |               options (IHL * 4 - 20 bytes)                    |
 * +---------------------------------------------------------------+
 * </pre>
 * The fixed 20 bytes are all-or-nothing: with fewer captured, or with an IHL or total length that
 * cannot be right, no L3 field is set (as in Wireshark). A total length of
 * 0 is what Linux records for TCP segmentation offload; the frame then gives the length (as
 * Wireshark does). Only the first fragment (offset 0) goes on to the transport header. An
 * authentication header (protocol 51, IPsec AH in transport mode) is skipped to what it protects.
 */
public final class Ipv4 {
    public static final int MIN_HEADER = 20;
    static final int FLAG_MF = 0x2000;
    static final int OFFSET_MASK = 0x1fff;

    private Ipv4() {}

    /**
     * The end of the datagram whose header is at {@code p} when it is the plain, common kind: no options, not a
     * fragment, a total length that holds a header and fits the frame ({@code frameLimit}); -1 for any other,
     * which {@link #decode} then takes. The caller has checked that 20 bytes are captured at {@code p}.
     */
    public static long plainEnd(MemorySegment s, long p, long frameLimit) {
        if (Bytes.u8(s, p) != 0x45 || (Bytes.u16(s, p + 6) & (FLAG_MF | OFFSET_MASK)) != 0) return -1;
        int total = Bytes.u16(s, p + 2);
        long end = p + total;
        return total < MIN_HEADER || end > frameLimit ? -1 : end;
    }

    /** Fills the L3 fields of the fixed header at {@code p} (a {@link #plainEnd plain} one, or one {@link #decode} reads). */
    public static void fillFixed(MemorySegment s, long p, int total, DecodedPacket out) {
        out.ipVersion = 4;
        out.ipLen = total;
        out.srcHi = 0;
        out.srcLo = IpLayer.V4_MAPPED | Bytes.u32(s, p + 12);
        out.dstHi = 0;
        out.dstLo = IpLayer.V4_MAPPED | Bytes.u32(s, p + 16);
        out.ttl = Bytes.u8(s, p + 8);
        out.ipProto = Bytes.u8(s, p + 9);
        out.fragId = Bytes.u16(s, p + 4);
    }

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + MIN_HEADER > c.end()) {
            if (p < c.end() && (Bytes.u8(c.seg, p) >>> 4) != 4) return Status.fail(out, DecodeError.IPV4_VERSION);
            return Status.cut(c, out, p + MIN_HEADER, DecodeError.IPV4_HEADER_LEN);
        }
        var s = c.seg;
        int vihl = Bytes.u8(s, p);
        if ((vihl >>> 4) != 4) return Status.fail(out, DecodeError.IPV4_VERSION);
        int ihl = (vihl & 0x0f) << 2;
        if (ihl < MIN_HEADER) return Status.fail(out, DecodeError.IPV4_HEADER_LEN);
        int total = Bytes.u16(s, p + 2);
        if (total == 0) total = (int) Math.min(c.limit - p, 0xffff);  // TSO: length left to the frame
        if (total < ihl) return Status.fail(out, DecodeError.IPV4_TOTAL_LEN);

        IpLayer.enter(c, out);
        fillFixed(s, p, total, out);
        int frag = Bytes.u16(s, p + 6);
        out.moreFragments = (frag & FLAG_MF) != 0;
        out.fragOffset = (frag & OFFSET_MASK) << 3;
        out.fragment = out.moreFragments || out.fragOffset != 0;

        long ipEnd = p + total;
        if (ipEnd > c.limit) Status.error(out, DecodeError.IPV4_TOTAL_LEN);
        c.narrow(ipEnd);
        if (p + ihl > c.end()) return Status.cut(c, out, p + ihl, DecodeError.IPV4_HEADER_LEN);
        if (ihl > MIN_HEADER && !Ipv4Options.valid(s, p + MIN_HEADER, p + ihl)) {
            Status.error(out, DecodeError.IPV4_OPTIONS);
        }
        c.pos = p + ihl;
        if (out.fragOffset != 0) return IpLayer.laterFragment(c, out);
        if (out.ipProto == ExtensionHeaders.AH) return ExtensionHeaders.walk(c, out, ExtensionHeaders.AH);
        return Next.ofIpProto(out.ipProto);
    }
}
