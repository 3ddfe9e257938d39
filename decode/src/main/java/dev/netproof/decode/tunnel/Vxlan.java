package dev.netproof.decode.tunnel;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/**
 * VXLAN (RFC 7348), inside UDP to the VXLAN port, carrying an Ethernet frame.
 * <pre>
 * +-+-+-+-+-+-+-+-+-----------------------------------------------+
 * |R|R|R|R|I|R|R|R|                 reserved (24)                 |
 * +-+-+-+-+-+-+-+-+-----------------------------------------------+
 * |              VNI (24)                         | reserved (8)  |
 * +-----------------------------------------------+---------------+
 * </pre>
 * The I flag must be set (the VNI is valid); otherwise {@link DecodeError#VXLAN_HEADER}. The VNI
 * becomes {@code tunnelId} of the inner packet.
 */
public final class Vxlan {
    static final int HEADER_LEN = 8;
    static final int FLAG_I = 0x08;

    private Vxlan() {}

    public static int decode(Cursor c, DecodedPacket out) {
        long p = c.pos;
        if (p + HEADER_LEN > c.end()) return Status.cut(c, out, p + HEADER_LEN, DecodeError.VXLAN_HEADER);
        if ((Bytes.u8(c.seg, p) & FLAG_I) == 0) return Status.fail(out, DecodeError.VXLAN_HEADER);
        long vni = Bytes.u32(c.seg, p + 4) >>> 8;
        return Tunnels.enter(c, out, p + HEADER_LEN, vni, Next.ETHERNET);
    }
}
