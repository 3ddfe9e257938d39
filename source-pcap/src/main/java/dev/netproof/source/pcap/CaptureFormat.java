package dev.netproof.source.pcap;

/** A capture file's format, as its first four bytes say. */
public enum CaptureFormat {
    /** libpcap: magic 0xa1b2c3d4 (microseconds) or 0xa1b23c4d (nanoseconds), either byte order. */
    PCAP,
    /** pcapng: starts with a Section Header Block, type 0x0a0d0d0a. */
    PCAPNG,
    /** Anything else, including files shorter than four bytes. */
    UNKNOWN
}
