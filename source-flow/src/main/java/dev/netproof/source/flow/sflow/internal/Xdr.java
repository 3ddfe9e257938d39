package dev.netproof.source.flow.sflow.internal;

import dev.netproof.core.model.IpAddress;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Big-endian reads at absolute offsets of a {@link MemorySegment}, as sFlow's XDR encoding lays them
 * out: 4-byte words, 8-byte hypers, opaque data padded to 4 bytes.
 *
 * <p>These methods do not check the datagram's bounds: every caller first proves
 * {@code at + width <= end}. The segment's own check stays as the last guard, so a caller bug shows as
 * an exception in tests instead of a read of a neighbouring datagram.
 */
public final class Xdr {
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** sFlow's address types (XDR union discriminant). */
    public static final int ADDRESS_IPV4 = 1;
    public static final int ADDRESS_IPV6 = 2;

    private Xdr() {
    }

    /** 32 bits as a Java int, sign bit included: for tags and bit patterns. */
    public static int i32(MemorySegment s, long at) {
        return s.get(U32, at);
    }

    public static long u32(MemorySegment s, long at) {
        return s.get(U32, at) & 0xffff_ffffL;
    }

    /** 64 bits; values from 2^63 up come out negative, see {@link #unsignedToDouble}. */
    public static long u64(MemorySegment s, long at) {
        return s.get(U64, at);
    }

    public static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    public static int u16(MemorySegment s, long at) {
        return (u8(s, at) << 8) | u8(s, at + 1);
    }

    /** An unsigned 64-bit value as the nearest double. */
    public static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** {@code n} rounded up to a multiple of 4: the bytes an XDR opaque of length {@code n} takes. */
    public static long padded(long n) {
        return (n + 3) & ~3L;
    }

    /** Bytes an address of {@code type} takes after its type word; -1 for an unknown type. */
    public static int addressLength(int type) {
        return type == ADDRESS_IPV4 ? 4 : type == ADDRESS_IPV6 ? 16 : -1;
    }

    /** The address of {@code type} (IPv4 or IPv6, see {@link #addressLength}) at {@code at}. */
    public static IpAddress address(MemorySegment s, long at, int type) {
        return type == ADDRESS_IPV4 ? IpAddress.ofV4(i32(s, at)) : IpAddress.ofV6(u64(s, at), u64(s, at + 8));
    }
}
