package dev.netproof.source.pcap.internal;

import dev.netproof.source.pcap.CaptureFormat;
import dev.netproof.source.pcap.ReadMetric;

import java.lang.foreign.MemorySegment;

/** Recognises a capture by its magic number and runs the matching loop. */
public final class Formats {
    private Formats() {
    }

    /** The format the first four bytes announce. */
    public static CaptureFormat detect(MemorySegment data) {
        if (data.byteSize() < 4) return CaptureFormat.UNKNOWN;
        return switch (ReadContext.i32(data, 0, false)) {
            case PcapLoop.MAGIC_MICRO, PcapLoop.MAGIC_NANO, PcapLoop.MAGIC_MICRO_SWAPPED,
                 PcapLoop.MAGIC_NANO_SWAPPED -> CaptureFormat.PCAP;
            case PcapngLoop.SHB -> CaptureFormat.PCAPNG;
            default -> CaptureFormat.UNKNOWN;
        };
    }

    /** Reads the whole capture into {@code c}'s sink, or records why it could not. */
    public static void read(CaptureFormat format, ReadContext c) {
        switch (format) {
            case PCAP -> PcapLoop.run(c);
            case PCAPNG -> PcapngLoop.run(c);
            case UNKNOWN -> unknown(c);
        }
    }

    private static void unknown(ReadContext c) {
        long size = c.data.byteSize();
        if (size == 0) {
            c.fail(0, ReadMetric.ERROR__EMPTY_FILE, "empty file");
            return;
        }
        if (size < 4) {
            c.fail(0, ReadMetric.ERROR__TRUNCATED_FILE_HEADER,
                    "file of " + size + " bytes is too short for a magic number");
            return;
        }
        int magic = ReadContext.i32(c.data, 0, false);
        if (magic == PcapLoop.MAGIC_MODIFIED || magic == PcapLoop.MAGIC_MODIFIED_SWAPPED) {
            c.fail(0, ReadMetric.ERROR__UNSUPPORTED, "modified (Kuznetzov) pcap format is not supported");
            return;
        }
        // Shown big-endian, i.e. the first four bytes in file order.
        c.fail(0, ReadMetric.ERROR__NOT_A_CAPTURE, String.format(
                "not a pcap or pcapng file (magic 0x%08x)", Integer.reverseBytes(magic)));
    }
}
