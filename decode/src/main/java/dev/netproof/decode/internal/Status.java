package dev.netproof.decode.internal;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;

/** How a layer ends decoding: an error (the first one wins), or the capture running out. */
public final class Status {
    private Status() {}

    /** Records {@code reason} unless an earlier one is already recorded. */
    public static void error(DecodedPacket out, DecodeError reason) {
        if (out.error == DecodeError.NONE) out.error = reason;
    }

    /** Records {@code reason} and stops decoding. */
    public static int fail(DecodedPacket out, DecodeError reason) {
        error(out, reason);
        return Next.DONE;
    }

    /**
     * A header needs bytes up to {@code need} (exclusive) but {@link Cursor#end()} is before it.
     * When the container as stated by the headers is long enough, the snaplen cut the packet:
     * {@code truncated}. Otherwise the packet contradicts itself: {@code malformed}. Stops decoding.
     */
    public static int cut(Cursor c, DecodedPacket out, long need, DecodeError malformed) {
        if (need > c.limit) {
            error(out, malformed);
        } else {
            out.truncated = true;
        }
        return Next.DONE;
    }

    /** Records the transport payload extent: {@code [from, from + len)}, of which the captured part. */
    public static void payload(Cursor c, DecodedPacket out, long from, int len) {
        payload(out, c.base, c.end(), from, len);
    }

    /** {@link #payload(Cursor, DecodedPacket, long, int)} for a packet starting at {@code base}, readable to {@code end}. */
    public static void payload(DecodedPacket out, long base, long end, long from, int len) {
        out.payloadLen = len;
        out.payloadOffset = (int) (from - base);
        long captured = Math.min(end - from, len);
        out.payloadCaptured = captured > 0 ? (int) captured : 0;
    }
}
