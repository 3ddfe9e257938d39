package dev.netproof.packetstore.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes pcapng blocks into a byte array, little-endian: the section header, an interface description
 * with nanosecond timestamps ({@code if_tsresol} 9), and enhanced packet blocks. Nanoseconds because the
 * readers hand us nanoseconds (pcapng and nanosecond pcap inputs keep them); microseconds would round
 * away what the capture had, and the EPB costs the same 8 bytes of timestamp either way.
 */
public final class Pcapng {
    public static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6;
    public static final int SHB_BYTES = 28;
    public static final int IDB_BYTES = 32;
    public static final int EPB_OVERHEAD = 32;
    public static final int SNAPLEN = 262_144;

    // one bounds-checked store per field instead of one per byte
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Pcapng() {}

    public static int pad4(int n) {
        return (n + 3) & ~3;
    }

    public static int epbBytes(int capLen) {
        return EPB_OVERHEAD + pad4(capLen);
    }

    public static int shb(byte[] b, int p) {
        p = i32(b, p, SHB);
        p = i32(b, p, SHB_BYTES);
        p = i32(b, p, 0x1A2B3C4D);
        p = i16(b, p, 1);
        p = i16(b, p, 0);
        p = i64(b, p, -1L); // section length unknown
        return i32(b, p, SHB_BYTES);
    }

    public static int idb(byte[] b, int p, int linkType) {
        p = i32(b, p, IDB);
        p = i32(b, p, IDB_BYTES);
        p = i16(b, p, linkType);
        p = i16(b, p, 0);
        p = i32(b, p, SNAPLEN);
        p = i16(b, p, 9); // if_tsresol
        p = i16(b, p, 1);
        b[p] = 9; // 10^-9 s
        b[p + 1] = b[p + 2] = b[p + 3] = 0;
        p += 4;
        p = i32(b, p, 0); // opt_endofopt
        return i32(b, p, IDB_BYTES);
    }

    /** Writes the EPB's 28-byte head; the caller copies {@code capLen} bytes after it, then calls {@link #epbTail}. */
    public static int epbHead(byte[] b, int p, int interfaceId, long tsNanos, int capLen, int origLen) {
        int total = epbBytes(capLen);
        p = i32(b, p, EPB);
        p = i32(b, p, total);
        p = i32(b, p, interfaceId);
        p = i32(b, p, (int) (tsNanos >>> 32));
        p = i32(b, p, (int) tsNanos);
        p = i32(b, p, capLen);
        return i32(b, p, origLen);
    }

    public static int epbTail(byte[] b, int p, int capLen) {
        for (int i = capLen; i < pad4(capLen); i++) b[p++] = 0;
        return i32(b, p, epbBytes(capLen));
    }

    public static int i16(byte[] b, int p, int v) {
        SHORT.set(b, p, (short) v);
        return p + 2;
    }

    public static int i32(byte[] b, int p, int v) {
        INT.set(b, p, v);
        return p + 4;
    }

    public static int i64(byte[] b, int p, long v) {
        p = i32(b, p, (int) v);
        return i32(b, p, (int) (v >>> 32));
    }

    public static int u32(byte[] b, int p) {
        return (int) INT.get(b, p);
    }
}
