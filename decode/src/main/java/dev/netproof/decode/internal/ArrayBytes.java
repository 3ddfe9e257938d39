package dev.netproof.decode.internal;

/**
 * Big-endian reads of a byte array, for the application parsers that decode a copy of their bytes (DNS
 * messages, TLS handshake messages, the detectors' first bytes). The caller has checked the bounds against
 * its message's end; these only assemble the value.
 */
public final class ArrayBytes {
    private ArrayBytes() {}

    public static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    public static int i32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    public static long i64(byte[] b, int at) {
        return (long) i32(b, at) << 32 | i32(b, at + 4) & 0xffff_ffffL;
    }
}
