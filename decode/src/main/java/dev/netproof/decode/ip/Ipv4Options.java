package dev.netproof.decode.ip;

import dev.netproof.decode.internal.Bytes;
import java.lang.foreign.MemorySegment;

/**
 * Checks the type-length-value shape of IPv4 options; their contents are not kept.
 * <pre>
 * +--------+   +--------+   +--------+--------+----------------+
 * | 0 EOL  |   | 1 NOP  |   |  type  | length | length-2 bytes |   length counts type and itself
 * +--------+   +--------+   +--------+--------+----------------+
 * </pre>
 */
final class Ipv4Options {
    private Ipv4Options() {}

    /** True when the options in {@code [from, to)} (all captured) are well formed. */
    static boolean valid(MemorySegment s, long from, long to) {
        long q = from;
        while (q < to) {
            int type = Bytes.u8(s, q);
            if (type == 0) return true;
            if (type == 1) {
                q++;
                continue;
            }
            if (q + 1 >= to) return false;
            int len = Bytes.u8(s, q + 1);
            if (len < 2 || q + len > to) return false;
            q += len;
        }
        return true;
    }
}
