package dev.netproof.decode.http;

import static dev.netproof.decode.http.Recorder.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing and fields of single messages and of pipelined ones, per RFC 9112. */
class HttpParserTest {
    private final Recorder rec = new Recorder();
    private final Recorder.Pending pending = new Recorder.Pending();
    private final HttpParser req = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, rec);
    private final HttpParser resp = HttpParser.responses(HttpLimits.DEFAULTS, HttpRedaction.ON, rec, pending);

    @Test
    void getWithFieldsSplitAcrossCalls() {
        feed(req, "GET /a?b=1 HTTP/1.1\r\nHo", 1);
        feed(req, "st: example.org\r\nUser-Agent:  curl/8 \r\nReferer: http://x/\r\nCookie: s=1\r", 2);
        assertEquals(List.of(), rec.out);
        feed(req, "\n\r\n", 3);
        HttpRequestHead h = rec.requests.getFirst();
        assertEquals("example.org", h.host());
        assertEquals("curl/8", h.userAgent());
        assertEquals("http://x/", h.referrer());
        assertTrue(h.redacted(), "a Cookie field was withheld");
        assertEquals(1, h.tsNanos(), "first byte's time");
        assertEquals(List.of("request GET /a?b=1 1.1 host=example.org cl=-1 redacted", "body 0 complete"), rec.out);
    }

    @Test
    void pipelinedRequestsInOneCallWithBodies() {
        feed(req, "POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /g HTTP/1.0\r\n\r\n"
                + "PUT /c HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 99\r\n\r\n"
                + "4;ext=1;x=\"q\"\r\nabcd\r\n0\r\nTrailer-A: 1\r\n\r\n", 5);
        assertEquals(List.of("request POST /p 1.1 host=null cl=5", "body 5 complete",
                "request GET /g 1.0 host=null cl=-1", "body 0 complete",
                "request PUT /c 1.1 host=null cl=99 chunked", "body 4 complete"), rec.out);
        assertEquals(3, req.messages());
    }

    @Test
    void emptyLinesBeforeARequestAreSkippedAndBareLfIsALineEnd() {
        feed(req, "\r\n\nGET / HTTP/1.1\nHost: h\n\n", 1);
        assertEquals(List.of("request GET / 1.1 host=h cl=-1", "body 0 complete"), rec.out);
    }

    @Test
    void responseFramingDependsOnTheRequest() {
        pending.queue.add(Recorder.Pending.of("HEAD", "1.1"));
        feed(resp, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 1);
        pending.queue.clear();
        pending.queue.add(Recorder.Pending.of("GET", "1.1"));
        feed(resp, "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Type: text/plain\r\n\r\nabc"
                + "HTTP/1.1 200\r\nTransfer-Encoding: chunked\r\n\r\n00000002\r\nxy\r\n0\r\n\r\n"
                + "HTTP/1.0 200 OK\r\n\r\nuntil the close", 2);
        resp.end(3);
        assertEquals(List.of("response 1.1 200 OK ct=null", "body 0 complete",
                "response 1.1 304 Not Modified ct=null", "body 0 complete",
                "response 1.1 204 No Content ct=null", "body 0 complete",
                "response 1.1 100 Continue ct=null", "response 1.1 102 Processing ct=null",
                "response 1.1 200 OK ct=text/plain", "body 3 complete",
                "response 1.1 200  ct=null", "body 2 complete",
                "response 1.0 200 OK ct=null", "body 15 complete"), rec.out);
        assertTrue(rec.responses.get(3).interim());
    }

    @Test
    void connectSuccessAndSwitchingProtocolsStopParsing() {
        pending.queue.add(Recorder.Pending.of("CONNECT", "1.1"));
        feed(resp, "HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0001 binary tls", 1);
        assertTrue(resp.done());
        assertNull(resp.error());
        assertEquals(List.of("response 1.1 200 Connection established ct=null", "body 0 complete"), rec.out);

        Recorder r2 = new Recorder();
        HttpParser p2 = HttpParser.responses(HttpLimits.DEFAULTS, HttpRedaction.ON, r2, () -> null);
        feed(p2, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello", 1);
        assertTrue(p2.done());
        assertEquals(List.of("response 1.1 101 Switching Protocols ct=null", "body 0 complete"), r2.out);
    }

    @Test
    void connectFailureKeepsParsing() {
        pending.queue.add(Recorder.Pending.of("CONNECT", "1.1"));
        feed(resp, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n", 1);
        assertFalse(resp.done());
        pending.queue.clear();
        pending.queue.add(Recorder.Pending.of("GET", "1.1"));
        feed(resp, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 2);
        assertEquals(4, rec.out.size(), rec.out.toString());
        assertFalse(resp.done());
    }

    @Test
    void http09RequestAndItsAnswer() {
        feed(req, "GET /\r\n", 1);
        assertEquals("0.9", rec.requests.getFirst().version());
        pending.queue.add(rec.requests.getFirst());
        feed(resp, "<html>raw</html>", 2);
        resp.end(3);
        assertEquals(List.of("request GET / 0.9 host=null cl=-1", "body 0 complete", "response 0.9 0 null ct=null",
                "body 16 complete"), rec.out);
    }

    @Test
    void obsFoldIsJoinedForKeptFieldsAndRejectedOnFraming() {
        feed(req, "GET / HTTP/1.1\r\nUser-Agent: a\r\n  b\r\nX-Other: 1\r\n\tmore\r\n\r\n", 1);
        assertEquals("a b", rec.requests.getFirst().userAgent());
        feed(req, "POST / HTTP/1.1\r\nContent-Length: 1\r\n 0\r\n\r\n", 2);
        assertEquals(HttpError.FOLDED_FRAMING_HEADER, req.error());
        assertEquals("error FOLDED_FRAMING_HEADER", rec.out.getLast());
    }

    @Test
    void gapInsideABodyOfKnownLengthIsSkipped() {
        feed(req, "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nab", 1);
        req.gap(5, 2);
        feed(req, "xyzGET / HTTP/1.1\r\n\r\n", 3);
        assertEquals(List.of("request POST / 1.1 host=null cl=10", "body 10 incomplete",
                "request GET / 1.1 host=null cl=-1", "body 0 complete"), rec.out);
    }

    @Test
    void gapInAChunkIsSkippedButNotPastIt() {
        pending.queue.add(Recorder.Pending.of("GET", "1.1"));
        feed(resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", 1);
        resp.gap(13, 2);
        feed(resp, "\r\n5\r\nab", 3);
        resp.gap(10, 4);
        assertEquals(List.of("response 1.1 200 OK ct=null", "body 18 incomplete", "error GAP"), rec.out);
    }

    @Test
    void gapOutsideABodyStops() {
        feed(req, "GET / HTTP/1.1\r\n", 1);
        req.gap(100, 2);
        feed(req, "\r\nGET / HTTP/1.1\r\n\r\n", 3);
        assertEquals(List.of("error GAP"), rec.out);
        assertEquals(HttpError.GAP, req.error());
    }

    @Test
    void endInsideABodyOrAHead() {
        feed(req, "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nab", 1);
        req.end(2);
        assertEquals(List.of("request POST / 1.1 host=null cl=10", "body 2 incomplete"), rec.out);
        Recorder r2 = new Recorder();
        HttpParser p2 = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r2);
        feed(p2, "GET / HTTP/1.1\r\nHost: a\r\n", 1);
        p2.end(2);
        assertEquals(List.of("error TRUNCATED"), r2.out);
    }

    @Test
    void contentLengthRules() {
        assertEquals(List.of("request POST / 1.1 host=null cl=3", "body 3 complete"),
                run("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\ncontent-length: 3\r\n\r\nabc"));
        assertEquals("error CONFLICTING_CONTENT_LENGTH", run("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n").getLast());
        assertEquals("error CONFLICTING_CONTENT_LENGTH", run("POST / HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\n").getLast());
        assertEquals("error BAD_CONTENT_LENGTH", run("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n").getLast());
        assertEquals("error BAD_CONTENT_LENGTH", run("POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n").getLast());
        assertEquals("error BAD_CONTENT_LENGTH", run("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n").getLast());
        assertEquals("error BAD_CONTENT_LENGTH", run("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n").getLast());
        assertEquals("error BAD_TRANSFER_ENCODING", run("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n").getLast());
    }

    @Test
    void malformedLines() {
        assertEquals("error BAD_HEADER", run("GET / HTTP/1.1\r\nHost : a\r\n\r\n").getLast());
        assertEquals("error BAD_HEADER", run("GET / HTTP/1.1\r\nno colon\r\n\r\n").getLast());
        assertEquals("error BAD_HEADER", run("GET / HTTP/1.1\r\n folded first\r\n\r\n").getLast());
        assertEquals("error BAD_REQUEST_LINE", run("GET / HTTP/1.1x\r\n\r\n").getLast());
        assertEquals("error BAD_REQUEST_LINE", run(" / HTTP/1.1\r\n\r\n").getLast());
        assertEquals("error BAD_REQUEST_LINE", run("G(T / HTTP/1.1\r\n\r\n").getLast());
        assertEquals("error UNSUPPORTED_VERSION", run("GET / HTTP/2.0\r\n\r\n").getLast());
        assertEquals("error BAD_REQUEST_LINE", run("POST /\r\n\r\n").getLast()); // HTTP/0.9 knew only GET
        Recorder r2 = new Recorder();
        HttpParser p2 = HttpParser.responses(HttpLimits.DEFAULTS, HttpRedaction.ON, r2, () -> null);
        feed(p2, "HTTP/1.1 2x0 OK\r\n\r\n", 1);
        assertEquals(List.of("error BAD_STATUS_LINE"), r2.out);
    }

    @Test
    void chunkErrors() {
        assertEquals("error CHUNK_SIZE_OVERFLOW", chunked("10000000000000000\r\n").getLast()); // 2^64
        assertEquals("error CHUNK_SIZE_OVERFLOW", chunked("8000000000000000\r\n").getLast()); // 2^63
        assertEquals("body 0 incomplete", chunked("8000000000000000\r\n").get(1));
        assertEquals("error BAD_CHUNK", chunked("zz\r\n").getLast());
        assertEquals("error BAD_CHUNK", chunked("3\r\nabcX\r\n").getLast());
        assertEquals("error BAD_CHUNK", chunked("3 x\r\nabc\r\n").getLast());
        // 2^63 - 1 is a legal size: the body is merely cut by the end
        assertEquals(List.of("request POST / 1.1 host=null cl=-1 chunked", "body 0 incomplete"), chunked("7fffffffffffffff\r\n"));
    }

    private List<String> chunked(String body) {
        return run("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    }

    private static List<String> run(String text) {
        Recorder r = new Recorder();
        HttpParser p = HttpParser.requests(HttpLimits.DEFAULTS, HttpRedaction.ON, r);
        feed(p, text, 1);
        p.end(2);
        return r.out;
    }
}
