package dev.netproof.source.flow.ipfix.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Big-endian unsigned reads at byte offsets; the caller has checked the bounds. */
final class Wire {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Wire() {
    }

    static int u8(MemorySegment d, long at) {
        return d.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    static int u16(MemorySegment d, long at) {
        return d.get(U16, at) & 0xffff;
    }

    static long u32(MemorySegment d, long at) {
        return d.get(U32, at) & 0xffff_ffffL;
    }

    static long i64(MemorySegment d, long at) {
        return d.get(U64, at);
    }

    /**
     * An unsigned integer of 1 to 8 bytes (IPFIX reduced-size encoding lets exporters send fewer bytes
     * than the element's type). Eight bytes may give a negative long: the caller decides what that means.
     */
    static long unsigned(MemorySegment d, long at, int len) {
        switch (len) {
            case 1: return u8(d, at);
            case 2: return u16(d, at);
            case 4: return u32(d, at);
            case 8: return i64(d, at);
            default:
                long v = 0;
                for (int i = 0; i < len; i++) v = v << 8 | u8(d, at + i);
                return v;
        }
    }

    static String hex(MemorySegment d, long at, int len) {
        char[] c = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int b = u8(d, at + i);
            c[2 * i] = HEX[b >>> 4];
            c[2 * i + 1] = HEX[b & 15];
        }
        return new String(c);
    }
}
