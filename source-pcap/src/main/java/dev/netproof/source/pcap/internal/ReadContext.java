package dev.netproof.source.pcap.internal;

import dev.netproof.core.ledger.StageCounters;
import dev.netproof.source.pcap.CaptureFault;
import dev.netproof.source.pcap.PacketSink;
import dev.netproof.source.pcap.ReadMetric;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * State shared by a format loop and the public reader for one read: the mapped file, the sink, the
 * ledger counters, the progress offset and the fault, if any. The loops copy the hot fields into
 * locals. One reading thread; only {@link #position} is read by others.
 */
public final class ReadContext {
    /** Largest captured length accepted; a bigger one means garbage, and we never size anything by it. */
    public static final int MAX_CAPLEN = 262_144;
    /** Most interfaces per pcapng section: far beyond any real capture, and it bounds the table. */
    public static final int MAX_INTERFACES = 65_536;
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** Records between progress updates: a volatile store per packet would cost more than the read. */
    static final int PROGRESS_EVERY = 4096;
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    final MemorySegment data;
    final String file;
    final StageCounters counters;
    final PacketSink sink;
    /** Offset of the next record not yet read; written by the reading thread, read by progress bars. */
    volatile long position;
    /** Interface of the packet being delivered (pcapng), for {@code CaptureReader.interfaceId()}. */
    int interfaceId;
    private CaptureFault fault;
    /** Where {@link ReadAhead}'s loads end up, so they have a use and stay in the compiled loop. */
    long readAheadSum;

    public ReadContext(MemorySegment data, String file, StageCounters counters, PacketSink sink) {
        this.data = data;
        this.file = file;
        this.counters = counters;
        this.sink = sink;
    }

    public long position() {
        return position;
    }

    public int interfaceId() {
        return interfaceId;
    }

    public CaptureFault fault() {
        return fault;
    }

    /** Records the fault that ends the read, counts it, and moves the position to it. */
    void fail(long offset, ReadMetric kind, String reason) {
        counters.inc(kind);
        fault = new CaptureFault(file, offset, kind, reason);
        position = offset;
    }

    /**
     * Turns the JVM's error for a mapped page that no longer exists (the file was truncated under
     * us: SIGBUS) into a fault at {@code offset}, the record being read; rethrows any other error.
     */
    void unreadable(long offset, InternalError e) {
        String m = e.getMessage();
        if (m == null || !m.contains("unsafe memory access")) throw e;
        fail(offset, ReadMetric.ERROR__IO, "the file could not be read at this offset (truncated while open?)");
    }

    /** Counts and delivers one packet; the caller has checked every length against the file. */
    void deliver(long dataOffset, int capLen, int wireLen, long tsNanos, int linkType, long recordOffset) {
        StageCounters c = counters;
        c.at(Math.floorDiv(tsNanos, NANOS_PER_SECOND));
        c.inc(ReadMetric.PACKETS);
        c.add(ReadMetric.BYTES, capLen);
        c.add(ReadMetric.WIRE_BYTES, wireLen);
        if (capLen < wireLen) c.inc(ReadMetric.TRUNCATED_BY_SNAPLEN);
        sink.onPacket(data, dataOffset, capLen, wireLen, tsNanos, linkType, recordOffset);
    }

    static int i32(MemorySegment s, long offset, boolean bigEndian) {
        // Two constant layouts, not one chosen at run time: the JIT only inlines a constant's access.
        return bigEndian ? s.get(INT_BE, offset) : s.get(INT_LE, offset);
    }

    static long u32(MemorySegment s, long offset, boolean bigEndian) {
        return i32(s, offset, bigEndian) & 0xFFFF_FFFFL;
    }

    static int u16(MemorySegment s, long offset, boolean bigEndian) {
        return (bigEndian ? s.get(SHORT_BE, offset) : s.get(SHORT_LE, offset)) & 0xFFFF;
    }

    static long i64(MemorySegment s, long offset, boolean bigEndian) {
        return bigEndian ? s.get(LONG_BE, offset) : s.get(LONG_LE, offset);
    }
}
