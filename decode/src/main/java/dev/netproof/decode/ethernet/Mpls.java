package dev.netproof.decode.ethernet;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * MPLS label stack (EtherType 0x8847 unicast, 0x8848 multicast), one 4-byte entry per label:
 * <pre>
 * +----------------------------------------+-----+---+---------+
 * | label (20)                             | TC 3|S 1| TTL (8) |
 * +----------------------------------------+-----+---+---------+
 * </pre>
 * The stack ends at the entry with S (bottom of stack) set. MPLS does not say what it carries; as
 * routers and Wireshark do, the first nibble after the stack decides: 4 is IPv4, 6 is IPv6, anything
 * else (pseudowires, control words) is {@link DecodeError#NON_IP}.
 */
public final class Mpls {
    static final int ENTRY_LEN = 4;

    private Mpls() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        long end = c.end();
        for (int i = 0; i < c.maxMplsLabels; i++) {
            if (p + ENTRY_LEN > end) return Status.cut(c, out, p + ENTRY_LEN, DecodeError.ETHERNET_SHORT);
            out.mplsLabels++;
            boolean bottom = (Bytes.u8(c.seg, p + 2) & 1) != 0;
            p += ENTRY_LEN;
            if (bottom) {
                c.pos = p;
                if (p + 1 > end) return Status.cut(c, out, p + 1, DecodeError.ETHERNET_SHORT);
                return switch (Bytes.u8(c.seg, p) >>> 4) {
                    case 4 -> Next.IPV4;
                    case 6 -> Next.IPV6;
                    default -> Status.fail(out, DecodeError.NON_IP);
                };
            }
        }
        return Status.fail(out, DecodeError.MPLS_DEPTH);
    }
}
