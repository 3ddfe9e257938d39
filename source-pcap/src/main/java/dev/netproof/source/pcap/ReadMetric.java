package dev.netproof.source.pcap;

/**
 * What the {@code read} stage counts, per source and capture second, in the quality ledger (see
 * {@link dev.netproof.core.ledger.StageCounters}; names become e.g. {@code packets},
 * {@code error.caplen_too_large}). The {@code ERROR__*} constants also name a {@link CaptureFault}'s
 * kind: the reader stops at the first one, so each is counted at most once per read.
 */
public enum ReadMetric {
    /** Packets delivered to the sink. */
    PACKETS,
    /** Captured bytes delivered (sum of capLen). */
    BYTES,
    /** Original bytes on the wire of the delivered packets (sum of wireLen). */
    WIRE_BYTES,
    /** Packets delivered with capLen &lt; wireLen: the capture cut them short. */
    TRUNCATED_BY_SNAPLEN,
    /** pcapng blocks that carry no packet and were skipped: statistics, name resolution, unknown types. */
    SKIPPED_RECORDS,

    /** The file has no bytes. */
    ERROR__EMPTY_FILE,
    /** The magic number is neither pcap nor pcapng. */
    ERROR__NOT_A_CAPTURE,
    /** A recognised format in a variant we do not read (pcapng version, modified pcap, timestamp units). */
    ERROR__UNSUPPORTED,
    /** The file ends inside the 24-byte pcap file header. */
    ERROR__TRUNCATED_FILE_HEADER,
    /** The file ends inside a pcap record header (16 bytes) or a pcapng block header (12 bytes). */
    ERROR__TRUNCATED_RECORD_HEADER,
    /** A record's data, or a block, runs past the end of the file. */
    ERROR__TRUNCATED_RECORD,
    /** A captured length above {@link CaptureReader#MAX_CAPLEN}: garbage rather than a packet. */
    ERROR__CAPLEN_TOO_LARGE,
    /** A pcapng block length below 12, not a multiple of 4, or different at start and end. */
    ERROR__BAD_BLOCK_LENGTH,
    /** A record or block whose fields contradict each other or its length (bad option, bad byte-order magic). */
    ERROR__BAD_RECORD,
    /** A packet names an interface its section has not described. */
    ERROR__UNKNOWN_INTERFACE,
    /** A section describes more interfaces than {@link CaptureReader#MAX_INTERFACES}. */
    ERROR__TOO_MANY_INTERFACES,
    /** The mapped file could not be read, typically because another process truncated it meanwhile. */
    ERROR__IO;

    private final boolean error = name().startsWith("ERROR__");

    /** True for the {@code ERROR__*} constants, the kinds of {@link CaptureFault}. */
    public boolean isError() {
        return error;
    }
}
