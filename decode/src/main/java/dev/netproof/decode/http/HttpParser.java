package dev.netproof.decode.http;

import dev.netproof.decode.http.internal.Ascii;
import dev.netproof.decode.http.internal.ChunkSize;
import dev.netproof.decode.http.internal.HeaderFields;
import dev.netproof.decode.http.internal.LineBuffer;
import dev.netproof.decode.http.internal.StartLines;
import java.lang.foreign.MemorySegment;

/**
 * Parses one direction of an HTTP/1.x connection, requests or responses, from its bytes in order
 * and in chunks of any size: a line may be split across calls, a call may hold several messages
 * (pipelining). Heads, body ends and a final error go to an {@link HttpListener}.
 *
 * <p>Body framing follows RFC 9112 §6.3: a response to HEAD, a 1xx, 204 or 304 has no body; a
 * 2xx to CONNECT and a 101 switch the connection to another protocol, after which nothing is
 * parsed; Transfer-Encoding ending in chunked wins over Content-Length; a response with neither
 * lasts until the close. The response side learns the request it answers from {@link Requests}.
 *
 * <p>Bounded: bodies are counted, never copied; the one buffer holds a line split across calls,
 * at most {@link HttpLimits#maxLineBytes()} + 1 bytes; heads are capped in fields and bytes. Any
 * violation is a named {@link HttpError} after which the direction is no longer parsed. Nothing
 * is thrown. Not thread-safe: one parser per direction of one connection.
 */
public final class HttpParser {
    /** What a response parser needs to know of the requests. */
    @FunctionalInterface
    public interface Requests {
        /** The oldest request not yet answered by a final response, or null when none waits. */
        HttpRequestHead pending();
    }

    private enum State { START, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, STOPPED,
        FAILED, ENDED }

    private final Requests requests; // null: this parser reads requests
    private final HttpLimits limits;
    private final HttpRedaction redaction;
    private final HttpListener listener;
    private final LineBuffer line;
    private final HeaderFields fields;
    private final StartLines start = new StartLines();

    private State state = State.START;
    private HttpError error;
    private long lineTs, messageTs, remaining, bodyLength, messages;
    private int headerCount, headBytes;
    private boolean bodyIntact = true;

    private HttpParser(Requests requests, HttpLimits limits, HttpRedaction redaction, HttpListener listener) {
        this.requests = requests;
        this.limits = limits;
        this.redaction = redaction;
        this.listener = listener;
        this.line = new LineBuffer(limits.maxLineBytes() + 1); // + the CR
        this.fields = new HeaderFields(limits.maxLineBytes());
    }

    /** A parser of the client's bytes. */
    public static HttpParser requests(HttpLimits limits, HttpRedaction redaction, HttpListener listener) {
        return new HttpParser(null, limits, redaction, listener);
    }

    /** A parser of the server's bytes, which asks {@code requests} what each response answers. */
    public static HttpParser responses(HttpLimits limits, HttpRedaction redaction, HttpListener listener,
                                       Requests requests) {
        return new HttpParser(java.util.Objects.requireNonNull(requests, "requests"), limits, redaction, listener);
    }

    /** The next {@code length} bytes of the direction, at {@code data[offset..]}, seen at {@code tsNanos}. */
    public void accept(MemorySegment data, long offset, int length, long tsNanos) {
        long p = offset, end = offset + Math.max(0, length);
        while (p < end) {
            switch (state) {
                case STOPPED, FAILED, ENDED -> { return; }
                case BODY, CHUNK_DATA -> {
                    long n = Math.min(remaining, end - p);
                    remaining -= n;
                    bodyLength += n;
                    p += n;
                    if (remaining == 0) {
                        if (state == State.BODY) endBody(true, tsNanos);
                        else state = State.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> {
                    bodyLength += end - p;
                    p = end;
                }
                default -> {
                    if (state == State.START && requests != null && line.isEmpty() && answersHttp09(tsNanos)) continue;
                    p = line(data, p, end, tsNanos);
                }
            }
        }
    }

    /**
     * {@code bytes} of the direction were lost ({@code -1}: how many is unknown). Inside a body of
     * known length that the hole does not overrun, and in a body that lasts until the close, the
     * body goes on (incomplete); anywhere else the next message's start is unknown: {@link HttpError#GAP}.
     */
    public void gap(long bytes, long tsNanos) {
        switch (state) {
            case STOPPED, FAILED, ENDED -> { }
            case BODY, CHUNK_DATA -> {
                if (bytes < 0 || bytes > remaining) {
                    fail(HttpError.GAP, tsNanos);
                    return;
                }
                bodyIntact = false;
                remaining -= bytes;
                bodyLength += bytes;
                if (remaining == 0) {
                    if (state == State.BODY) endBody(false, tsNanos);
                    else state = State.CHUNK_END;
                }
            }
            case UNTIL_CLOSE -> {
                bodyIntact = false;
                bodyLength += Math.max(0, bytes);
            }
            default -> fail(HttpError.GAP, tsNanos);
        }
    }

    /** The connection is over: a body until the close is complete, any other open message is not. */
    public void end(long tsNanos) {
        switch (state) {
            case UNTIL_CLOSE -> endBody(true, tsNanos);
            case BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS -> listener.bodyEnd(bodyLength, false, tsNanos);
            case HEADERS -> fail(HttpError.TRUNCATED, tsNanos);
            case START -> {
                if (!line.isEmpty()) fail(HttpError.TRUNCATED, tsNanos);
            }
            default -> { }
        }
        if (state != State.FAILED) state = State.ENDED;
    }

    /** Stops parsing (the connection switched protocols): an open body ends incomplete. */
    public void stop(long tsNanos) {
        if (inBody()) listener.bodyEnd(bodyLength, false, tsNanos);
        if (state != State.FAILED && state != State.ENDED) state = State.STOPPED;
    }

    /** The error this direction stopped on, or null. */
    public HttpError error() {
        return error;
    }

    /** No more bytes will be parsed: stopped, failed or ended. */
    public boolean done() {
        return state == State.STOPPED || state == State.FAILED || state == State.ENDED;
    }

    /** Messages whose body ended (interim responses not counted). */
    public long messages() {
        return messages;
    }

    /** Bytes this parser holds for a split line: at most {@link HttpLimits#maxLineBytes()} + 1. */
    public int retainedBytes() {
        return line.allocated();
    }

    /**
     * Consumes up to and including the next LF, or buffers what there is; returns the new position.
     * Every line is parsed from a copy in {@link #line} (at most the line cap): the line parsers then
     * loop over an array, which the JIT compiles far more cheaply than loops over a segment.
     */
    private long line(MemorySegment data, long p, long end, long ts) {
        if (line.isEmpty()) lineTs = ts;
        int room = limits.maxLineBytes() + 1 - line.length();
        long lf = Ascii.indexOf(data, p, Math.min(end, p + room + 1), '\n');
        if (lf < 0) {
            if (end - p > room || !line.append(data, p, (int) (end - p))) fail(HttpError.LINE_TOO_LONG, ts);
            return end;
        }
        int wire = (int) (lf + 1 - p) + line.length();
        line.append(data, p, (int) (lf - p)); // fits: lf - p <= room
        byte[] s = line.array();
        int to = line.length();
        if (to > 0 && (s[to - 1] & 0xff) == '\r') to--;
        if (to > limits.maxLineBytes()) fail(HttpError.LINE_TOO_LONG, ts);
        else onLine(s, 0, to, wire, ts);
        line.clear();
        return lf + 1;
    }

    private void onLine(byte[] s, int from, int to, int wire, long ts) {
        boolean empty = from == to;
        if (state == State.START || state == State.HEADERS || state == State.TRAILERS) {
            headBytes += wire;
            if (headBytes > limits.maxHeadBytes()) {
                fail(HttpError.HEAD_TOO_LARGE, ts);
                return;
            }
        }
        switch (state) {
            case START -> {
                if (empty) return; // RFC 9112 §2.2: empty lines before a request line are ignored
                HttpError e = requests == null ? start.request(s, from, to) : start.status(s, from, to);
                if (e != null) {
                    fail(e, ts);
                    return;
                }
                messageTs = lineTs;
                fields.reset();
                headerCount = 0;
                state = State.HEADERS;
                if (requests == null && start.version.equals("0.9")) headDone(ts); // no fields in HTTP/0.9
            }
            case HEADERS -> {
                if (empty) {
                    headDone(ts);
                } else if (++headerCount > limits.maxHeaders()) {
                    fail(HttpError.TOO_MANY_HEADERS, ts);
                } else {
                    HttpError e = fields.line(s, from, to);
                    if (e != null) fail(e, ts);
                }
            }
            case CHUNK_SIZE -> chunkSize(s, from, to, ts);
            case CHUNK_END -> {
                if (empty) state = State.CHUNK_SIZE;
                else fail(HttpError.BAD_CHUNK, ts);
            }
            case TRAILERS -> {
                if (empty) endBody(true, ts);
                else if (++headerCount > limits.maxHeaders()) fail(HttpError.TOO_MANY_HEADERS, ts);
                else if (Ascii.indexOf(s, from, to, ':') <= from && !Ascii.ows(Ascii.u8(s, from))) {
                    fail(HttpError.BAD_HEADER, ts);
                }
            }
            default -> throw new IllegalStateException(state.name()); // unreachable: only line states get here
        }
    }

    private void chunkSize(byte[] s, int from, int to, long ts) {
        long size = ChunkSize.parse(s, from, to);
        if (size == ChunkSize.OVERFLOW) {
            fail(HttpError.CHUNK_SIZE_OVERFLOW, ts);
        } else if (size == ChunkSize.BAD) {
            fail(HttpError.BAD_CHUNK, ts);
        } else if (size == 0) {
            headerCount = 0;
            headBytes = 0;
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void headDone(long ts) {
        if (requests == null) {
            String uri = redaction.uri(start.target), referrer = redaction.uri(fields.referrer);
            boolean redacted = fields.credentials || !java.util.Objects.equals(uri, start.target)
                    || !java.util.Objects.equals(referrer, fields.referrer);
            listener.request(new HttpRequestHead(start.method, uri, start.version, fields.host, fields.userAgent,
                    referrer, fields.contentType, fields.contentLength, fields.transferEncoding && fields.chunked,
                    fields.expectContinue, fields.upgrade, redacted, messageTs));
            if (fields.transferEncoding && !fields.chunked) fail(HttpError.BAD_TRANSFER_ENCODING, ts);
            else frame(fields.contentLength < 0 ? 0 : fields.contentLength, ts);
            return;
        }
        HttpRequestHead request = requests.pending(); // before the listener pairs this response with it
        int status = start.status;
        HttpResponseHead head = new HttpResponseHead(start.version, status, start.reason, fields.contentType,
                fields.contentLength, fields.transferEncoding && fields.chunked, fields.credentials, messageTs);
        listener.response(head);
        if (head.interim()) {
            state = State.START;
            headBytes = 0;
        } else if (status == 101 || (request != null && request.isConnect() && status / 100 == 2)) {
            endBody(true, ts);
            state = State.STOPPED; // the connection carries another protocol (or a tunnel) from here
        } else if ((request != null && request.isHead()) || status == 204 || status == 304) {
            endBody(true, ts);
        } else if (fields.transferEncoding || fields.contentLength < 0) {
            frame(-1, ts); // chunked, or until the close
        } else {
            frame(fields.contentLength, ts);
        }
    }

    /** Enters the body: chunked when so encoded, else {@code length} bytes, -1 for until the close. */
    private void frame(long length, long ts) {
        bodyLength = 0;
        bodyIntact = true;
        if (fields.transferEncoding && fields.chunked) {
            state = State.CHUNK_SIZE;
        } else if (length < 0) {
            state = State.UNTIL_CLOSE;
        } else if (length == 0) {
            endBody(true, ts);
        } else {
            remaining = length;
            state = State.BODY;
        }
    }

    /** A response that answers an HTTP/0.9 request: no status line, no fields, the body until the close. */
    private boolean answersHttp09(long ts) {
        HttpRequestHead r = requests.pending();
        if (r == null || !r.version().equals("0.9")) return false;
        messageTs = ts;
        listener.response(new HttpResponseHead("0.9", 0, null, null, -1, false, false, ts));
        bodyLength = 0;
        bodyIntact = true;
        state = State.UNTIL_CLOSE;
        return true;
    }

    private void endBody(boolean complete, long ts) {
        listener.bodyEnd(bodyLength, complete && bodyIntact, ts);
        messages++;
        bodyLength = 0;
        bodyIntact = true;
        headBytes = 0;
        state = State.START;
    }

    private boolean inBody() {
        return switch (state) {
            case BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE -> true;
            default -> false;
        };
    }

    private void fail(HttpError e, long ts) {
        if (inBody()) listener.bodyEnd(bodyLength, false, ts);
        line.clear();
        error = e;
        state = State.FAILED;
        listener.error(e, ts);
    }
}
