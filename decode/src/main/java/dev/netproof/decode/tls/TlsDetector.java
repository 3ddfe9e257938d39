package dev.netproof.decode.tls;

import dev.netproof.decode.internal.ArrayBytes;

/**
 * A cheap test of a connection's first client bytes, so TLS is found on any port:
 * <pre>
 *   byte 0     1      2       3-4         5
 *       +----+------+------+-----------+------+
 *       | 22 | 0x03 | 0..4 | length>0  |  1   |
 *       +----+------+------+-----------+------+
 *    handshake  version 3.x  record len   ClientHello
 * </pre>
 * Stateless; reads at most {@link #BYTES_NEEDED} bytes and never throws. It reads an array, as
 * {@code HttpDetector} does and for the same reason: one kind of memory for every caller.
 */
public final class TlsDetector {
    /** Bytes needed to decide; fewer never look like a ClientHello. */
    public static final int BYTES_NEEDED = 6;

    private TlsDetector() {}

    /** True when the {@code len} bytes at {@code off} start a TLS record holding a ClientHello. */
    public static boolean looksLikeClientHello(byte[] s, int off, int len) {
        if (len < BYTES_NEEDED || off < 0 || off > s.length - BYTES_NEEDED) return false;
        int recordLen = ArrayBytes.u16(s, off + 3);
        return s[off] == 22 && s[off + 1] == 3 && (s[off + 2] & 0xff) <= 4
                && recordLen > 0 && recordLen <= TlsStreamParser.MAX_RECORD && s[off + 5] == 1;
    }
}
