package dev.netproof.decode.tunnel;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Cursor;
import dev.netproof.decode.internal.Status;

/** Entering an encapsulation: the depth bound and the tunnel id. */
final class Tunnels {
    private Tunnels() {}

    /**
     * Moves the cursor into a tunnel's payload at {@code inner}, or stops with
     * {@link DecodeError#TUNNEL_DEPTH} when already {@code maxTunnels} deep.
     */
    static int enter(Cursor c, DecodedPacket out, long inner, long tunnelId, int next) {
        if (c.tunnels >= c.maxTunnels) return Status.fail(out, DecodeError.TUNNEL_DEPTH);
        c.tunnels++;
        c.tunnelId = tunnelId;
        c.pos = inner;
        return next;
    }
}
