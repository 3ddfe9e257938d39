package dev.netproof.decode.tls;

/**
 * Why a TLS stream could not be parsed, or not all of it; the ledger counts each as
 * {@code error.<name>}. A {@link #stopsParser() stopping} error ends the direction's parsing: the
 * record framing is lost (or was never there) and TLS records cannot be found again in a byte stream.
 * The others spoil one message or record and parsing goes on with the next.
 */
public enum TlsError {
    /** The stream's first bytes are not a TLS record (content type 20-24, version 3.0-3.4). */
    NOT_TLS(true),
    /** A later record header with an unknown content type or version: framing lost. */
    BAD_RECORD_HEADER(true),
    /** A record longer than 2^14 + 2048 bytes, the most any TLS version allows. */
    RECORD_TOO_LONG(true),
    /** A handshake message longer than the parser's buffer cap (e.g. a 16 MiB claim). */
    MESSAGE_TOO_LONG(true),
    /** Another record type between the fragments of one handshake message (RFC 8446 §5.1). */
    INTERLEAVED(true),
    /** Bytes of the stream were lost: records cannot be resynchronised after a hole. */
    GAP(true),
    /** The stream ended inside a record or a handshake message. */
    TRUNCATED(true),
    /** A handshake, alert or ChangeCipherSpec record without a byte, which no TLS version allows. */
    EMPTY_RECORD(false),
    /** A ClientHello whose lengths contradict each other or the message (an SNI list past its extension). */
    BAD_CLIENT_HELLO(false),
    /** A ServerHello whose lengths contradict each other or the message. */
    BAD_SERVER_HELLO(false),
    /** A Certificate message whose list lengths contradict the message. */
    BAD_CERTIFICATE_LIST(false),
    /** A certificate the JDK's X.509 parser refused; its fingerprint is still reported. */
    BAD_CERTIFICATE(false),
    /** More certificates in one message than {@code CertificateDecoder.MAX_CERTIFICATES}: the rest are skipped. */
    TOO_MANY_CERTIFICATES(false),
    /** An alert record whose length is not a multiple of two. */
    BAD_ALERT(false),
    /** A ChangeCipherSpec record other than the single byte 1. */
    BAD_CHANGE_CIPHER_SPEC(false);

    private final boolean stops;

    TlsError(boolean stops) {
        this.stops = stops;
    }

    /** True when the direction's parser stops at this error. */
    public boolean stopsParser() {
        return stops;
    }
}
