package dev.netproof.decode.ip;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Next;
import dev.netproof.decode.internal.Status;

/** What IPv4 and IPv6 share: entering an IP header, later fragments, opaque payloads. */
public final class IpLayer {
    /** Low half of an IPv4-mapped IPv6 address, {@code ::ffff:0:0}. */
    static final long V4_MAPPED = 0x0000_ffff_0000_0000L;

    private IpLayer() {}

    /**
     * Called when an IP header's fixed part is in the capture. Inside a tunnel, the transport fields
     * of the outer packet are cleared: from here on the fields describe this header.
     */
    static void enter(Cursor c, DecodedPacket out) {
        if (c.tunnels > 0) out.resetTransport();
        out.tunnelDepth = c.tunnels;
        out.tunnelId = c.tunnelId;
    }

    /** A fragment with a non-zero offset: no transport header, the rest is payload of the flow. */
    static int laterFragment(Cursor c, DecodedPacket out) {
        Status.payload(c, out, c.pos, (int) Math.max(0, c.limit - c.pos));
        return Status.fail(out, DecodeError.FRAGMENT_NO_PORTS);
    }

    /**
     * An IP payload we do not parse (ESP, SCTP, OSPF, or a tunnel left closed): records its extent
     * as the payload, no ports, no error.
     */
    public static int opaque(Cursor c, DecodedPacket out) {
        Status.payload(c, out, c.pos, (int) Math.max(0, c.limit - c.pos));
        return Next.DONE;
    }
}
