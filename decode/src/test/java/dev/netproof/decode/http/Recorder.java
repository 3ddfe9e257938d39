package dev.netproof.decode.http;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records a parser's calls as text lines, and feeds it strings; the test's view of a direction. */
final class Recorder implements HttpListener {
    final List<String> out = new ArrayList<>();
    final List<HttpRequestHead> requests = new ArrayList<>();
    final List<HttpResponseHead> responses = new ArrayList<>();

    @Override
    public void request(HttpRequestHead h) {
        requests.add(h);
        out.add("request " + h.method() + " " + h.uri() + " " + h.version() + " host=" + h.host() + " cl="
                + h.contentLength() + (h.chunked() ? " chunked" : "") + (h.redacted() ? " redacted" : ""));
    }

    @Override
    public void response(HttpResponseHead h) {
        responses.add(h);
        out.add("response " + h.version() + " " + h.status() + " " + h.reason() + " ct=" + h.contentType());
    }

    @Override
    public void bodyEnd(long length, boolean complete, long tsNanos) {
        out.add("body " + length + (complete ? " complete" : " incomplete"));
    }

    @Override
    public void error(HttpError error, long tsNanos) {
        out.add("error " + error);
    }

    /** Feeds {@code text} (ISO-8859-1) in one call, at a non-zero offset of a segment ending with it. */
    static void feed(HttpParser p, String text, long ts) {
        feed(p, text.getBytes(StandardCharsets.ISO_8859_1), ts);
    }

    static void feed(HttpParser p, byte[] b, long ts) {
        byte[] buf = new byte[b.length + 7];
        System.arraycopy(b, 0, buf, 7, b.length);
        p.accept(MemorySegment.ofArray(buf), 7, b.length, ts);
    }

    /** Requests of a response parser: a fixed queue the test fills, popped on each final response. */
    static final class Pending implements HttpParser.Requests {
        final java.util.ArrayDeque<HttpRequestHead> queue = new java.util.ArrayDeque<>();

        @Override
        public HttpRequestHead pending() {
            return queue.peekFirst();
        }

        static HttpRequestHead of(String method, String version) {
            return new HttpRequestHead(method, "/", version, null, null, null, null, -1, false, false, false, false, 0);
        }
    }
}
