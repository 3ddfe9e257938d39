package dev.netproof.decode.http;

/**
 * Receives what one {@link HttpParser} finds, in stream order, on the parser's thread.
 *
 * <p>Every head is followed by exactly one {@link #bodyEnd} (length 0 for a message without a
 * body), except an interim (1xx) response, which has none: a head is only reported once whole,
 * and a failure or the stream's end inside a body first ends the body, incomplete. One direction's calls thus read
 * {@code (head bodyEnd)* [error]}, interim responses interleaved.
 */
public interface HttpListener {
    void request(HttpRequestHead head);

    /** A status line and its fields; {@link HttpResponseHead#interim()} for 1xx other than 101. */
    void response(HttpResponseHead head);

    /**
     * The body of the last head ended.
     *
     * @param length   body bytes (chunked: the chunk data, without framing), gap bytes included
     * @param complete the framing's end was reached (length, last chunk, close) with no bytes missing
     * @param tsNanos  capture time of the body's last byte (of the close, for a body until close)
     */
    void bodyEnd(long length, boolean complete, long tsNanos);

    /** The direction stopped on {@code error}; nothing more comes from this parser. */
    void error(HttpError error, long tsNanos);
}
