package dev.netproof.source.flow.netflow5;

/**
 * What the {@code netflow5} stage counts (ledger names: the constant in lower case, {@code __} a dot,
 * e.g. {@code error.count_exceeds_datagram}).
 */
public enum NetFlow5Metric {
    /** Datagrams whose header was read and reported. */
    DATAGRAMS,
    /** Flow records reported. */
    FLOWS,
    /** The datagram ends inside the 24-byte header. */
    ERROR__TRUNCATED_HEADER,
    /** The version field is not 5. */
    ERROR__BAD_VERSION,
    /** The header's count promises more 48-byte records than the datagram holds; only those that fit are read. */
    ERROR__COUNT_EXCEEDS_DATAGRAM,
    /** Bytes after the counted records (neither a record nor the header). */
    ERROR__TRAILING_BYTES,
    /** The offset and length given to the decoder fall outside the segment. */
    ERROR__BAD_BOUNDS,
    /** A bug: an exception was caught at the decoder's edge (the datagram's remaining records are lost). */
    ERROR__INTERNAL
}
