package dev.netproof.source.pcap.internal;

import dev.netproof.source.pcap.ReadMetric;

import java.lang.foreign.MemorySegment;

import static dev.netproof.source.pcap.internal.ReadContext.MAX_CAPLEN;
import static dev.netproof.source.pcap.internal.ReadContext.NANOS_PER_SECOND;
import static dev.netproof.source.pcap.internal.ReadContext.PROGRESS_EVERY;
import static dev.netproof.source.pcap.internal.ReadContext.i32;
import static dev.netproof.source.pcap.internal.ReadContext.u32;

/**
 * Reads a classic libpcap file.
 *
 * <pre>
 * file header, 24 bytes                          record, 16 bytes + capLen
 *  0 magic   4 major,minor   8 thiszone           0 ts_sec (u32)    4 ts_frac (µs or ns, u32)
 * 12 sigfigs 16 snaplen      20 link type field   8 capLen (u32)   12 wireLen (u32)  16 data...
 * </pre>
 *
 * The link type field keeps LINKTYPE_* in its low 16 bits; bits 26-31 may describe a trailing FCS,
 * so we mask them off. A record with capLen 0 is legal and delivered.
 */
public final class PcapLoop {
    /** Microsecond magic as read little-endian; the other three variants follow. */
    public static final int MAGIC_MICRO = 0xa1b2c3d4;
    public static final int MAGIC_NANO = 0xa1b23c4d;
    public static final int MAGIC_MICRO_SWAPPED = 0xd4c3b2a1;
    public static final int MAGIC_NANO_SWAPPED = 0x4d3cb2a1;
    /** Alexey Kuznetzov's modified format: longer records we do not read. */
    public static final int MAGIC_MODIFIED = 0xa1b2cd34;
    public static final int MAGIC_MODIFIED_SWAPPED = 0x34cdb2a1;
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;

    private PcapLoop() {
    }

    /** Reads from the file header to the end or the first fault. */
    public static void run(ReadContext c) {
        final MemorySegment seg = c.data;
        final long size = seg.byteSize();
        if (size < FILE_HEADER) {
            c.fail(0, ReadMetric.ERROR__TRUNCATED_FILE_HEADER,
                    "pcap file header needs 24 bytes, the file has " + size);
            return;
        }
        int magic = i32(seg, 0, false);
        final boolean be = magic == MAGIC_MICRO_SWAPPED || magic == MAGIC_NANO_SWAPPED;
        final long nanosPerUnit = magic == MAGIC_NANO || magic == MAGIC_NANO_SWAPPED ? 1 : 1_000;
        final int linkType = i32(seg, 20, be) & 0xFFFF;

        long off = FILE_HEADER;
        int sinceProgress = 0;
        ReadAhead ahead = new ReadAhead(seg, off);
        try {
            while (true) {
                long left = size - off;
                if (left == 0) break;
                if (left < RECORD_HEADER) {
                    c.fail(off, ReadMetric.ERROR__TRUNCATED_RECORD_HEADER,
                            "record header needs 16 bytes, " + left + " left in the file");
                    return;
                }
                int capLen = i32(seg, off + 8, be);
                if (capLen < 0 || capLen > MAX_CAPLEN) {
                    c.fail(off, ReadMetric.ERROR__CAPLEN_TOO_LARGE, "captured length "
                            + Integer.toUnsignedString(capLen) + " exceeds the limit of " + MAX_CAPLEN);
                    return;
                }
                if (capLen > left - RECORD_HEADER) {
                    c.fail(off, ReadMetric.ERROR__TRUNCATED_RECORD, "record of " + capLen
                            + " captured bytes runs past the end of the file (" + (left - RECORD_HEADER) + " left)");
                    return;
                }
                int wireLen = i32(seg, off + 12, be);
                if (wireLen < 0) {
                    c.fail(off, ReadMetric.ERROR__BAD_RECORD,
                            "wire length " + Integer.toUnsignedString(wireLen) + " is out of range");
                    return;
                }
                long ts = u32(seg, off, be) * NANOS_PER_SECOND + u32(seg, off + 4, be) * nanosPerUnit;
                c.deliver(off + RECORD_HEADER, capLen, wireLen, ts, linkType, off);
                off += RECORD_HEADER + capLen;
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
}
