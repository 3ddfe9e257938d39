package dev.netproof.flow.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netproof.core.ledger.QualityRow;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.core.model.IpAddress;
import dev.netproof.decode.http.HttpError;
import dev.netproof.decode.http.HttpLimits;
import dev.netproof.flow.http.HttpCounters.Metric;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing on one connection, fed as the reassembler would, and the ledger it keeps. */
class HttpAnalyzerTest {
    static final ConnectionId ID = new ConnectionId("Cabc", IpAddress.parse("10.0.0.1"), 40000,
            IpAddress.parse("10.0.0.2"), 8080, -1);
    private final List<HttpEvent> events = new ArrayList<>();
    private final List<QualityRow> ledger = new ArrayList<>();
    private HttpAnalyzers analyzers = new HttpAnalyzers("test", ledger::add, events::add, true);
    private StreamConsumer c = analyzers.open(ID, 1_000_000_000L);

    private void client(String s, long ts) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        c.data(true, MemorySegment.ofArray(b), 0, b.length, ts);
    }

    private void server(String s, long ts) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        c.data(false, MemorySegment.ofArray(b), 0, b.length, ts);
    }

    private long total(Metric m) {
        return analyzers.counters().total(m);
    }

    @Test
    void pipelinedRequestsPairInOrderWithTimes() {
        client("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: h\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\n", 1_000);
        server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok", 5_000);
        server("HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n", 6_000); // HEAD: no body whatever the length
        server("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", 7_000);
        server("0\r\n\r\n", 8_000);
        assertEquals(3, events.size());
        HttpEvent a = events.get(0), b = events.get(1), d = events.get(2);
        assertEquals(List.of(1, 2, 3), events.stream().map(HttpEvent::transDepth).toList());
        assertEquals(List.of("/1", "/2", "/3"), events.stream().map(HttpEvent::uri).toList());
        assertEquals(200, a.statusCode());
        assertEquals("text/plain", a.responseContentType());
        assertEquals(2, a.responseBodyLen());
        assertEquals(4_000, a.ttfbNanos());
        assertEquals(4_000, a.durationNanos());
        assertEquals(0, b.responseBodyLen());
        assertEquals("HEAD", b.method());
        assertEquals(404, d.statusCode());
        assertEquals(3, d.responseBodyLen());
        assertEquals(7_000, d.durationNanos());
        assertTrue(d.responseBodyComplete());
        assertEquals(HttpEvent.Status.ANSWERED, d.status());
        assertEquals("Cabc", d.uid());
        assertEquals(8080, d.respP());
    }

    @Test
    void continueDoesNotConsumeTheRequest() {
        client("POST /up HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n", 1_000);
        server("HTTP/1.1 100 Continue\r\n\r\n", 2_000);
        client("data", 3_000);
        server("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 4_000);
        assertEquals(1, events.size());
        HttpEvent e = events.getFirst();
        assertEquals(201, e.statusCode());
        assertEquals(100, e.infoCode());
        assertEquals("Continue", e.infoMsg());
        assertEquals(4, e.requestBodyLen());
        assertTrue(e.requestBodyComplete());
        assertEquals(1_000, e.ttfbNanos(), "from the request's last byte (3000) to the final response");
        assertEquals(1, total(Metric.INTERIM));
        assertEquals(1, total(Metric.RESPONSES));
    }

    @Test
    void endEmitsOutstandingRequestsWithoutResponse() {
        client("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n", 1_000);
        server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 2_000);
        c.end(3_000);
        assertEquals(2, events.size());
        assertFalse(events.get(0).responseBodyComplete());
        assertEquals(3, events.get(0).responseBodyLen());
        assertEquals(HttpEvent.Status.NO_RESPONSE, events.get(1).status());
        assertEquals(-1, events.get(1).ttfbNanos());
        assertEquals(1, total(Metric.UNANSWERED));
        assertEquals(2, total(Metric.EVENTS));
    }

    @Test
    void connectTunnelStopsBothDirections() {
        client("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n", 1_000);
        server("HTTP/1.1 200 Connection established\r\n\r\n", 2_000);
        client("\u0016\u0003\u0001\u0000\u00a5\u0001 not http", 3_000);
        server("\u0016\u0003\u0003 tls bytes", 4_000);
        c.end(5_000);
        assertEquals(1, events.size());
        assertEquals("CONNECT", events.getFirst().method());
        assertEquals(1, total(Metric.TUNNELS));
        assertEquals(0, total(Metric.ERRORS));
    }

    @Test
    void upgradeSwitchesProtocols() {
        client("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 1_000);
        server("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi", 2_000);
        client("\u0081\u0082abcdef", 3_000);
        c.end(4_000);
        assertEquals(1, events.size());
        assertEquals(101, events.getFirst().statusCode());
        assertEquals(0, total(Metric.ERRORS));
        assertEquals(1, total(Metric.TUNNELS));
    }

    @Test
    void responseWithoutRequest() {
        client("GET /a HTTP/1.1\r\n\r\n", 1_000);
        server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 2_000);
        assertEquals(2, events.size());
        HttpEvent lone = events.get(1);
        assertEquals(HttpEvent.Status.RESPONSE_WITHOUT_REQUEST, lone.status());
        assertEquals(2_000, lone.tsNanos());
        assertEquals(2, lone.transDepth());
        assertEquals(1, total(Metric.RESPONSE_WITHOUT_REQUEST));
    }

    @Test
    void overflowIsCountedAndPairingStaysAligned() {
        analyzers = new HttpAnalyzers("test", ledger::add, events::add,
                new HttpAnalyzer.Config(HttpLimits.DEFAULTS, 2, true));
        c = analyzers.open(ID, 0);
        client("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\nGET /4 HTTP/1.1\r\n\r\n", 1_000);
        server("HTTP/1.1 201 A\r\nContent-Length: 0\r\n\r\n", 2_000);
        client("GET /5 HTTP/1.1\r\n\r\n", 3_000);
        server("HTTP/1.1 202 B\r\nContent-Length: 0\r\n\r\nHTTP/1.1 203 C\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 204 D\r\n\r\nHTTP/1.1 205 E\r\nContent-Length: 0\r\n\r\n", 4_000);
        c.end(5_000);
        assertEquals(List.of("/1 201", "/2 202", "/5 205"),
                events.stream().map(e -> e.uri() + " " + e.statusCode()).toList());
        assertEquals(2, total(Metric.OVERFLOW));
    }

    @Test
    void notHttpYieldsNothingButACount() {
        client("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003 a TLS hello, long enough", 1_000);
        server("HTTP/1.1 200 OK\r\n\r\n", 2_000);
        c.end(3_000);
        StreamConsumer serverFirst = analyzers.open(ID, 0);
        byte[] b = "220 smtp ready\r\n".getBytes(StandardCharsets.ISO_8859_1);
        serverFirst.data(false, MemorySegment.ofArray(b), 0, b.length, 1_000);
        serverFirst.end(2_000);
        assertEquals(List.of(), events);
        assertEquals(2, total(Metric.NOT_HTTP));
        assertEquals(2, total(Metric.CONNECTIONS));
    }

    @Test
    void detectionWaitsForEnoughBytes() {
        client("GE", 1_000);
        client("T /slow HTTP/1.1\r\n\r\n", 2_000);
        server("HTTP/1.1 204 No Content\r\n\r\n", 3_000);
        assertEquals(1, events.size());
        assertEquals("/slow", events.getFirst().uri());
        assertEquals(1_000, events.getFirst().tsNanos());
    }

    @Test
    void errorsAreCountedByReasonAndRedactionIsCounted() {
        client("GET /a?session=s HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 1_000);
        server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 2_000);
        c.gap(true, 5, 2_500);
        c.end(3_000);
        analyzers.flush();
        assertEquals(1, events.size(), "a head that fails is no request");
        assertEquals("/a?session=[redacted]", events.get(0).uri());
        assertTrue(events.get(0).redacted());
        assertEquals(1, analyzers.counters().total(HttpError.CONFLICTING_CONTENT_LENGTH));
        assertEquals(1, total(Metric.ERRORS));
        assertEquals(1, total(Metric.GAPS));
        assertEquals(1, total(Metric.REDACTED));
        assertTrue(ledger.stream().anyMatch(r -> r.stage().equals("http") && r.metric().equals("error.conflicting_content_length")),
                ledger.toString());
        assertTrue(ledger.stream().anyMatch(r -> r.metric().equals("requests") && r.value() == 1), ledger.toString());
    }

    @Test
    void callsAfterEndAreIgnored() {
        client("GET / HTTP/1.1\r\n\r\n", 1_000);
        c.end(2_000);
        server("HTTP/1.1 200 OK\r\n\r\n", 3_000);
        c.end(4_000);
        assertEquals(1, events.size());
    }
}
