package dev.netproof.decode.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Unsigned big-endian reads at absolute offsets of a {@link MemorySegment}. Network headers are
 * big-endian and often unaligned (an IPv4 header after a 14-byte Ethernet header starts at an odd
 * half-word), hence the {@code _UNALIGNED} layouts.
 *
 * <p>These methods do not check the packet's bounds: every caller first proves
 * {@code at + width <= Cursor.end()}. The segment's own bounds check stays as the last guard, so a
 * caller bug surfaces as an exception in tests instead of reading a neighbour packet.
 */
public final class Bytes {
    public static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    public static final ValueLayout.OfInt U32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    public static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    public static int u16(MemorySegment s, long at) {
        return s.get(U16, at) & 0xffff;
    }

    /** 32 bits as a Java int (sign bit included), for addresses and fields that stay bit patterns. */
    public static int i32(MemorySegment s, long at) {
        return s.get(U32, at);
    }

    public static long u32(MemorySegment s, long at) {
        return s.get(U32, at) & 0xffff_ffffL;
    }

    public static int i32le(MemorySegment s, long at) {
        return s.get(U32_LE, at);
    }

    public static long i64(MemorySegment s, long at) {
        return s.get(U64, at);
    }
}
