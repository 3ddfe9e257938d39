package dev.netproof.decode.dns;

/** Why a DNS message could not be decoded; the ledger counts each as {@code error.<name>}. */
public enum DnsError {
    /** Shorter than the 12-byte header. */
    TRUNCATED_HEADER,
    /** A question or record runs past the end of the message. */
    TRUNCATED,
    /** A compression pointer points at or after itself, or into the header: loops are impossible then. */
    BAD_POINTER,
    /** More compression pointers in one name than a legal name can need. */
    TOO_MANY_POINTERS,
    /** A label longer than 63 bytes, or a reserved label type (0x40, 0x80). */
    BAD_LABEL,
    /** A name longer than 255 bytes on the wire. */
    NAME_TOO_LONG,
    /** Record data whose length does not fit its type (an A record of 5 bytes). */
    BAD_RDATA,
    /** More records than {@link DnsDecoder#MAX_RECORDS}: the rest are not decoded. */
    TOO_MANY_RECORDS
}
