package dev.netproof.decode.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link Bytes}' reads, for the application parsers' few reads in place (DNS detection; DNS messages, TLS
 * handshake messages and HTTP lines are parsed from arrays, {@link ArrayBytes}). They read packets in the
 * mapped file and also heap copies (bytes a reassembly held, datagrams put back together), so their reads see
 * several kinds of segment. Kept apart from {@link Bytes} on purpose: had the packet decoder's reads shared
 * these methods, their type profile would turn polymorphic and the JIT would stop folding the segment checks
 * on the hot path (measured: the whole ingest slower by a third).
 */
public final class PayloadBytes {
    private PayloadBytes() {}

    public static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    public static int u16(MemorySegment s, long at) {
        return s.get(Bytes.U16, at) & 0xffff;
    }

    public static long i64(MemorySegment s, long at) {
        return s.get(Bytes.U64, at);
    }
}
