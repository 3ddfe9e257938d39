package dev.netproof.decode.http;

/**
 * Why a direction of an HTTP connection stopped being parsed; the ledger counts each as
 * {@code error.<name>}. After any of them the direction is not resynchronised: once framing is in
 * doubt, bytes that look like a new message may be body bytes (the request-smuggling problem), so
 * guessing would report messages that never were.
 */
public enum HttpError {
    /** A start line, header line, chunk-size line or trailer longer than {@link HttpLimits#maxLineBytes()}. */
    LINE_TOO_LONG,
    /** More header fields in one message (or its trailers) than {@link HttpLimits#maxHeaders()}. */
    TOO_MANY_HEADERS,
    /** A head (start line and fields, or trailers) longer than {@link HttpLimits#maxHeadBytes()}. */
    HEAD_TOO_LARGE,
    /** A request line that is not {@code method SP target [SP HTTP/x.y]}. */
    BAD_REQUEST_LINE,
    /** A status line that is not {@code HTTP/x.y SP 3DIGIT [SP reason]}. */
    BAD_STATUS_LINE,
    /** A version other than HTTP/1.x (or the version-less HTTP/0.9 request). */
    UNSUPPORTED_VERSION,
    /** A field line without a colon, with an invalid name, or whitespace before the colon. */
    BAD_HEADER,
    /** A folded line (obs-fold) continuing Content-Length or Transfer-Encoding: the framing is ambiguous. */
    FOLDED_FRAMING_HEADER,
    /** Content-Length not a non-negative decimal number that fits in 63 bits. */
    BAD_CONTENT_LENGTH,
    /** Several Content-Length values that differ. */
    CONFLICTING_CONTENT_LENGTH,
    /** A request whose Transfer-Encoding does not end in chunked: its length cannot be known. */
    BAD_TRANSFER_ENCODING,
    /** A chunk-size line that is not hex digits, or chunk data not followed by CRLF. */
    BAD_CHUNK,
    /** A chunk size above 2^63 - 1. */
    CHUNK_SIZE_OVERFLOW,
    /** Bytes lost (a gap) outside a body of known length: where the next message starts is unknown. */
    GAP,
    /** The connection ended inside a head. */
    TRUNCATED
}
