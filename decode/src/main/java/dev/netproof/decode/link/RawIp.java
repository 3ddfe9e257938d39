package dev.netproof.decode.link;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/** LINKTYPE_RAW (101): no link header; the IP version is the first nibble of the packet. */
public final class RawIp {
    private RawIp() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + 1 > c.end()) return Status.cut(c, out, p + 1, DecodeError.LINK_SHORT);
        return switch (Bytes.u8(c.seg, p) >>> 4) {
            case 4 -> Next.IPV4;
            case 6 -> Next.IPV6;
            default -> Status.fail(out, DecodeError.IP_VERSION);
        };
    }
}
