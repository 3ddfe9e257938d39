package dev.netproof.source.pcap.internal;

import dev.netproof.source.pcap.ReadMetric;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.netproof.source.pcap.internal.ReadContext.MAX_CAPLEN;
import static dev.netproof.source.pcap.internal.ReadContext.PROGRESS_EVERY;
import static dev.netproof.source.pcap.internal.ReadContext.i32;
import static dev.netproof.source.pcap.internal.ReadContext.i64;
import static dev.netproof.source.pcap.internal.ReadContext.u16;
import static dev.netproof.source.pcap.internal.ReadContext.u32;

/**
 * Reads a pcapng file block by block.
 *
 * <pre>
 * block:  0 type   4 totalLength   8 body ...   totalLength-4 totalLength (again)
 * SHB:    8 byte-order magic 0x1A2B3C4D   12 major   14 minor   16 section length (i64)   24 options
 * IDB:    8 link type (u16)   10 reserved   12 snaplen   16 options (if_tsresol 9, if_tsoffset 14)
 * EPB:    8 interface (u32)   12 ts high   16 ts low   20 capLen   24 wireLen   28 data
 * PB:     8 interface (u16)   10 drops     12 ts high   16 ts low   20 capLen   24 wireLen   28 data
 * SPB:    8 wireLen   12 data (captured = min(wireLen, snaplen of interface 0, room in the block))
 * </pre>
 *
 * Each Section Header Block sets the byte order of its section and forgets the interfaces before it.
 * Simple Packet Blocks carry no timestamp; they get the previous packet's, so per-second counts and
 * flow timeouts stay in order (tshark shows no time for them). Other block types are skipped by their
 * length. Not thread-safe; one instance per read.
 */
public final class PcapngLoop {
    public static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int PB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_TSRESOL = 9;
    private static final int OPT_TSOFFSET = 14;

    private final ReadContext c;
    private final MemorySegment seg;
    private final Interfaces interfaces = new Interfaces();
    private boolean be;
    private long lastTs;

    private PcapngLoop(ReadContext c) {
        this.c = c;
        this.seg = c.data;
    }

    /** Reads from the first Section Header Block to the end or the first fault. */
    public static void run(ReadContext c) {
        new PcapngLoop(c).loop();
    }

    private void loop() {
        final MemorySegment s = seg;
        final long size = s.byteSize();
        long off = 0;
        int sinceProgress = 0;
        ReadAhead ahead = new ReadAhead(s, off);
        try {
            while (true) {
                long left = size - off;
                if (left == 0) break;
                if (left < 12) {
                    c.fail(off, ReadMetric.ERROR__TRUNCATED_RECORD_HEADER,
                            "block header needs 12 bytes, " + left + " left in the file");
                    return;
                }
                int type = i32(s, off, be); // SHB's type reads the same in both orders
                if (type == SHB && !byteOrder(off)) return;
                long len = blockLength(off, left);
                if (len < 0) return;
                boolean ok = switch (type) {
                    case EPB -> packet(off, len, false);
                    case SPB -> simplePacket(off, len);
                    case IDB -> addInterface(off, len);
                    case SHB -> startSection(off, len);
                    case PB -> packet(off, len, true);
                    default -> {
                        c.counters.inc(ReadMetric.SKIPPED_RECORDS);
                        yield true;
                    }
                };
                if (!ok) return;
                off += len;
                ahead.upTo(off);
                if (++sinceProgress == PROGRESS_EVERY) {
                    sinceProgress = 0;
                    c.position = off;
                }
            }
        } catch (InternalError e) {
            c.unreadable(off, e);
            return;
        }
        c.position = off;
        c.readAheadSum = ahead.sum;
    }

    /** The block's total length once checked against its trailer and the file, or -1 after a fault. */
    private long blockLength(long off, long left) {
        long len = u32(seg, off + 4, be);
        if (len < 12 || (len & 3) != 0) {
            c.fail(off, ReadMetric.ERROR__BAD_BLOCK_LENGTH,
                    "block length " + len + " is below 12 or not a multiple of 4");
            return -1;
        }
        if (len > left) {
            c.fail(off, ReadMetric.ERROR__TRUNCATED_RECORD,
                    "block of " + len + " bytes runs past the end of the file (" + left + " left)");
            return -1;
        }
        long trailer = u32(seg, off + len - 4, be);
        if (trailer != len) {
            // Cheap and strong: garbage rarely repeats its own length at the right distance.
            c.fail(off, ReadMetric.ERROR__BAD_BLOCK_LENGTH,
                    "block length " + len + " at the start but " + trailer + " at the end");
            return -1;
        }
        return len;
    }

    /** Sets the section's byte order from the SHB's byte-order magic. */
    private boolean byteOrder(long off) {
        int magic = i32(seg, off + 8, false);
        if (magic == BYTE_ORDER_MAGIC) {
            be = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            be = true;
        } else {
            c.fail(off, ReadMetric.ERROR__BAD_RECORD, "section header byte-order magic 0x"
                    + Integer.toHexString(magic) + " is not 0x1a2b3c4d in either byte order");
            return false;
        }
        return true;
    }

    private boolean startSection(long off, long len) {
        if (len < 28) return tooShort(off, "section header", len, 28);
        int major = u16(seg, off + 12, be);
        if (major != 1) {
            c.fail(off, ReadMetric.ERROR__UNSUPPORTED,
                    "pcapng version " + major + "." + u16(seg, off + 14, be) + " is not 1.x");
            return false;
        }
        interfaces.clear();
        return true;
    }

    private boolean addInterface(long off, long len) {
        if (len < 20) return tooShort(off, "interface description", len, 20);
        int tsresol = 6;
        long tsOffset = 0;
        long p = off + 16;
        long end = off + len - 4;
        while (end - p >= 4) {
            int code = u16(seg, p, be);
            int optLen = u16(seg, p + 2, be);
            if (code == 0) break; // opt_endofopt
            long padded = (optLen + 3) & ~3L;
            if (padded > end - p - 4) {
                c.fail(off, ReadMetric.ERROR__BAD_RECORD, "interface option " + code + " of " + optLen
                        + " bytes runs past the end of its block");
                return false;
            }
            if (code == OPT_TSRESOL && optLen == 1) tsresol = seg.get(ValueLayout.JAVA_BYTE, p + 4) & 0xFF;
            else if (code == OPT_TSOFFSET && optLen == 8) tsOffset = i64(seg, p + 4, be);
            p += 4 + padded;
        }
        if (!Interfaces.supported(tsresol)) {
            c.fail(off, ReadMetric.ERROR__UNSUPPORTED,
                    "if_tsresol 0x" + Integer.toHexString(tsresol) + " is finer than 64-bit nanoseconds allow");
            return false;
        }
        if (!interfaces.add(u16(seg, off + 8, be), u32(seg, off + 12, be), tsresol, tsOffset)) {
            c.fail(off, ReadMetric.ERROR__TOO_MANY_INTERFACES,
                    "section describes more than " + Interfaces.MAX + " interfaces");
            return false;
        }
        return true;
    }

    /** Enhanced Packet Block, or the obsolete Packet Block whose interface id is 16 bits. */
    private boolean packet(long off, long len, boolean obsolete) {
        if (len < 32) return tooShort(off, obsolete ? "packet" : "enhanced packet", len, 32);
        long id = obsolete ? u16(seg, off + 8, be) : u32(seg, off + 8, be);
        if (id >= interfaces.count) return unknownInterface(off, id);
        int i = (int) id;
        int capLen = i32(seg, off + 20, be);
        if (capLen < 0 || capLen > MAX_CAPLEN) return capLenTooLarge(off, capLen & 0xFFFF_FFFFL);
        if (capLen > len - 32) {
            c.fail(off, ReadMetric.ERROR__BAD_RECORD, "captured length " + capLen
                    + " exceeds the block's room of " + (len - 32) + " bytes");
            return false;
        }
        int wireLen = i32(seg, off + 24, be);
        if (wireLen < 0) return wireLenOutOfRange(off, wireLen);
        long units = (u32(seg, off + 12, be) << 32) | u32(seg, off + 16, be);
        long ts = interfaces.toNanos(i, units);
        lastTs = ts;
        c.interfaceId = i;
        c.deliver(off + 28, capLen, wireLen, ts, interfaces.linkType[i], off);
        return true;
    }

    private boolean simplePacket(long off, long len) {
        if (len < 16) return tooShort(off, "simple packet", len, 16);
        if (interfaces.count == 0) return unknownInterface(off, 0);
        long wireLen = u32(seg, off + 8, be);
        long capLen = Math.min(wireLen, len - 16);
        long snaplen = interfaces.snaplen[0];
        if (snaplen > 0) capLen = Math.min(capLen, snaplen);
        if (capLen > MAX_CAPLEN) return capLenTooLarge(off, capLen);
        if (wireLen > Integer.MAX_VALUE) return wireLenOutOfRange(off, (int) wireLen);
        c.interfaceId = 0;
        c.deliver(off + 12, (int) capLen, (int) wireLen, lastTs, interfaces.linkType[0], off);
        return true;
    }

    private boolean tooShort(long off, String what, long len, int min) {
        c.fail(off, ReadMetric.ERROR__BAD_RECORD,
                what + " block of " + len + " bytes is shorter than its minimum of " + min);
        return false;
    }

    private boolean unknownInterface(long off, long id) {
        c.fail(off, ReadMetric.ERROR__UNKNOWN_INTERFACE,
                "packet on interface " + id + " but the section describes " + interfaces.count);
        return false;
    }

    private boolean capLenTooLarge(long off, long capLen) {
        c.fail(off, ReadMetric.ERROR__CAPLEN_TOO_LARGE,
                "captured length " + capLen + " exceeds the limit of " + MAX_CAPLEN);
        return false;
    }

    private boolean wireLenOutOfRange(long off, int wireLen) {
        c.fail(off, ReadMetric.ERROR__BAD_RECORD,
                "wire length " + Integer.toUnsignedString(wireLen) + " is out of range");
        return false;
    }
}
