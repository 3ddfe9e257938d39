package dev.netproof.decode.tcp;

import dev.netproof.decode.DecodeError;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.internal.Bytes;
import dev.netproof.decode.internal.Status;
import java.lang.foreign.MemorySegment;

/**
 * TCP options, type-length-value except EOL and NOP:
 * <pre>
 * kind 0 EOL  (1 byte)       kind 1 NOP (1 byte)
 * kind 2 MSS           +--+--+-----+            kind 3 window scale  +--+--+--+
 *                      |2 |4 | mss |                                 |3 |3 |sh|
 * kind 4 SACK-permitted +--+--+    kind 8 timestamps +--+--+-------+-------+
 *                       |4 |2 |                      |8 |10| TSval | TSecr |
 * kind 5 SACK          +--+-----+--------+--------+-- n blocks of left/right edges (8 bytes each)
 *                      |5 |2+8n | left 4 | right 4| ...
 * </pre>
 * A malformed option (length below 2, past the header, or wrong for its kind) records
 * {@link DecodeError#TCP_OPTIONS} and ends the option walk; the header fields stay decoded. An
 * option cut by the snaplen sets {@code truncated}. Unknown kinds are skipped by their length.
 */
final class TcpOptions {
    static final int EOL = 0, NOP = 1, MSS = 2, WSCALE = 3, SACK_PERM = 4, SACK = 5, TIMESTAMPS = 8;

    private TcpOptions() {}

    /**
     * @param from first option byte
     * @param to   end of the header as its data offset states it
     * @param end  end of the readable bytes (capture or datagram)
     */
    static void decode(MemorySegment s, long from, long to, long end, DecodedPacket out) {
        long q = from;
        while (q < to) {
            if (q >= end) {
                out.truncated = true;
                return;
            }
            int kind = Bytes.u8(s, q);
            if (kind == EOL) return;
            if (kind == NOP) {
                q++;
                continue;
            }
            if (q + 2 > to) {
                Status.error(out, DecodeError.TCP_OPTIONS);
                return;
            }
            if (q + 2 > end) {
                out.truncated = true;
                return;
            }
            int len = Bytes.u8(s, q + 1);
            if (len < 2 || q + len > to) {
                Status.error(out, DecodeError.TCP_OPTIONS);
                return;
            }
            if (q + len > end) {
                out.truncated = true;
                return;
            }
            if (!option(s, q, kind, len, out)) {
                Status.error(out, DecodeError.TCP_OPTIONS);
                return;
            }
            q += len;
        }
    }

    /** Reads one whole option; false when its length is wrong for its kind. */
    private static boolean option(MemorySegment s, long q, int kind, int len, DecodedPacket out) {
        switch (kind) {
            case MSS -> {
                if (len != 4) return false;
                out.mss = Bytes.u16(s, q + 2);
            }
            case WSCALE -> {
                if (len != 3) return false;
                out.windowScale = Bytes.u8(s, q + 2);
            }
            case SACK_PERM -> {
                if (len != 2) return false;
                out.sackPermitted = true;
            }
            case SACK -> {
                if (len < 10 || ((len - 2) & 7) != 0) return false;
                out.sackBlocks = (len - 2) >>> 3;
            }
            case TIMESTAMPS -> {
                if (len != 10) return false;
                out.hasTimestamps = true;
                out.tsVal = Bytes.u32(s, q + 2);
                out.tsEcr = Bytes.u32(s, q + 6);
            }
            default -> { }
        }
        return true;
    }
}
