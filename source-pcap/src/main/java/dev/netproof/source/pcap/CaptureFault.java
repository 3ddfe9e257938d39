package dev.netproof.source.pcap;

import java.util.Objects;

/**
 * Why and where a capture file stopped being readable. Everything before {@code offset} was delivered;
 * nothing at or after it was.
 *
 * @param file    the file (or in-memory capture) name as given to the reader
 * @param offset  byte offset in the file of the record, block or header that is broken
 * @param kind    one of the {@code ERROR__*} metrics, also counted in the ledger
 * @param reason  one line for a person, without the file name or offset
 */
public record CaptureFault(String file, long offset, ReadMetric kind, String reason) {
    public CaptureFault {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (!kind.isError()) throw new IllegalArgumentException("not an error kind: " + kind);
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
    }

    /** {@code <file>: offset <n>: <reason>}, one line, for logs and the command line. */
    public String message() {
        return file + ": offset " + offset + ": " + reason;
    }
}
