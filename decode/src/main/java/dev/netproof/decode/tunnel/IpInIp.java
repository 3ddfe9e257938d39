package dev.netproof.decode.tunnel;

import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.ip.IpLayer;

/**
 * IP carried directly in IP: protocol 4 (IPv4, RFC 2003) and 41 (IPv6, 6in4 / RFC 4213). There is no
 * header of its own; the inner IP header starts at the cursor.
 */
public final class IpInIp {
    static final int PROTO_IPV4 = 4;

    private IpInIp() {}

    public static int decode(Cursor c, DecodedPacket out) {
        if (!c.decapsulate) return IpLayer.opaque(c, out);
        int next = out.ipProto == PROTO_IPV4 ? Next.IPV4 : Next.IPV6;
        return Tunnels.enter(c, out, c.pos, -1, next);
    }
}
