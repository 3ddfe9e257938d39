package dev.netproof.decode.ethernet;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * PPPoE session stage (EtherType 0x8864) and the PPP protocol field after it (RFC 2516).
 * <pre>
 * +----+----+----+---------------+---------------+---------------+
 * |ver4|typ4|code| session id 2  | length 2      | PPP proto 2   |
 * +----+----+----+---------------+---------------+---------------+
 *  1    1    0x00                  PPP bytes       0x0021 IPv4, 0x0057 IPv6
 * </pre>
 * The length bounds the PPP frame (Ethernet padding follows short frames). PPP control protocols
 * (LCP, IPCP...) are {@link DecodeError#NON_IP}.
 */
public final class Pppoe {
    static final int HEADER_LEN = 6;
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;

    private Pppoe() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        long need = p + HEADER_LEN + 2;
        if (need > c.end()) return Status.cut(c, out, need, DecodeError.ETHERNET_SHORT);
        int length = Bytes.u16(c.seg, p + 4);
        if (Bytes.u8(c.seg, p) != 0x11 || Bytes.u8(c.seg, p + 1) != 0 || length < 2) {
            return Status.fail(out, DecodeError.PPPOE_HEADER);
        }
        c.narrow(p + HEADER_LEN + length);
        int ppp = Bytes.u16(c.seg, p + HEADER_LEN);
        c.pos = need;
        return switch (ppp) {
            case PPP_IPV4 -> Next.IPV4;
            case PPP_IPV6 -> Next.IPV6;
            default -> Status.fail(out, DecodeError.NON_IP);
        };
    }
}
