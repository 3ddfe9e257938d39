/**
 * HTTP/1.x, parsed from one direction of a reassembled TCP stream: request and status lines,
 * the few header fields a row needs, and body framing per RFC 9112 (Content-Length, chunked with
 * extensions and trailers, until close, and the bodiless responses to HEAD, 1xx, 204 and 304).
 * Bodies are counted, never buffered; the only buffer holds one line split across reads, bounded
 * by {@link dev.netproof.decode.http.HttpLimits}. A malformed stream ends in a named
 * {@link dev.netproof.decode.http.HttpError}, never an exception. Pairing requests with responses
 * is the flow module's job ({@code dev.netproof.flow.http}).
 */
package dev.netproof.decode.http;
