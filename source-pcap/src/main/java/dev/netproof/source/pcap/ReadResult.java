package dev.netproof.source.pcap;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link CaptureReader#read}: totals over the whole file and, if the reader stopped
 * early, why.
 *
 * @param packets         packets delivered to the sink
 * @param bytes           captured bytes delivered (sum of capLen)
 * @param skippedRecords  pcapng blocks skipped because they carry no packet (always 0 for pcap)
 * @param endOffset       byte offset where reading stopped: the file size, or the fault's offset
 * @param fault           present when the file is broken at {@code endOffset}
 */
public record ReadResult(long packets, long bytes, long skippedRecords, long endOffset,
                         Optional<CaptureFault> fault) {
    public ReadResult {
        Objects.requireNonNull(fault, "fault");
    }

    /** True when the whole file was read without a fault. */
    public boolean complete() {
        return fault.isEmpty();
    }
}
