package dev.netproof.flow.http;

import dev.netproof.core.model.HttpEvent;
import dev.netproof.decode.http.HttpDetector;
import dev.netproof.decode.http.HttpError;
import dev.netproof.decode.http.HttpLimits;
import dev.netproof.decode.http.HttpListener;
import dev.netproof.decode.http.HttpParser;
import dev.netproof.decode.http.HttpRedaction;
import dev.netproof.decode.http.HttpRequestHead;
import dev.netproof.decode.http.HttpResponseHead;
import dev.netproof.flow.http.HttpCounters.Metric;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The HTTP/1.x analyzer of one TCP connection: the client's first bytes decide whether it speaks
 * HTTP ({@link HttpDetector}); then each direction has its {@link HttpParser}, and requests are
 * paired with final responses in order, so pipelined requests wait in a queue. An interim 1xx
 * response leaves its request waiting; a 101, or a 2xx to CONNECT, ends parsing of both
 * directions. An event is emitted when its response ends; at {@link #end}, requests still waiting
 * are emitted without response, in order. Events thus leave in request order, with the response
 * without request (no request waiting) in its place.
 *
 * <p>Bounded: at most {@link Config#maxOutstanding()} requests wait; later ones are counted as
 * {@link Metric#OVERFLOW} and dropped, and the responses owed to them are skipped so pairing stays
 * aligned. Memory per connection: two parsers' line buffers, {@link HttpDetector#NEEDED} bytes
 * while detecting, and the waiting requests' heads (each under {@link HttpLimits#maxHeadBytes()}).
 * One thread, as {@link StreamConsumer} says; never throws.
 */
public final class HttpAnalyzer implements StreamConsumer {
    /**
     * @param maxOutstanding requests waiting for their response at most (default 32)
     * @param redact         withhold secrets from URIs and referrers ({@link HttpRedaction}); on by default
     */
    public record Config(HttpLimits limits, int maxOutstanding, boolean redact) {
        public static final Config DEFAULTS = new Config(HttpLimits.DEFAULTS, 32, true);

        public Config {
            java.util.Objects.requireNonNull(limits, "limits");
            if (maxOutstanding < 1) throw new IllegalArgumentException("maxOutstanding must be >= 1");
        }
    }

    private enum Mode { DETECTING, HTTP, NOT_HTTP }

    private final ConnectionId id;
    private final String source;
    private final Config config;
    private final HttpCounters counters;
    private final Consumer<HttpEvent> sink;
    private final HttpParser requests;
    private final HttpParser responses;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private Mode mode = Mode.DETECTING;
    private byte[] prefix = new byte[HttpDetector.NEEDED];
    private int prefixLength;
    private long prefixTs; // capture time of the first client bytes: the first request's time
    private Exchange sending;   // the request whose body the client is sending
    private Exchange answering; // the exchange whose response body the server is sending
    private int depth;
    private int skipResponses;  // responses owed to requests the cap dropped
    private boolean switching;  // the response being read switches protocols

    public HttpAnalyzer(ConnectionId id, String source, Config config, HttpCounters counters,
                        Consumer<HttpEvent> sink) {
        this.id = id;
        this.source = source;
        this.config = config;
        this.counters = counters;
        this.sink = sink;
        HttpRedaction redaction = HttpRedaction.of(config.redact());
        this.requests = HttpParser.requests(config.limits(), redaction, new RequestSide());
        this.responses = HttpParser.responses(config.limits(), redaction, new ResponseSide(), this::pending);
    }

    @Override
    public void data(boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
        counters.at(tsNanos);
        if (length <= 0) return;
        switch (mode) {
            case NOT_HTTP -> { }
            case DETECTING -> detect(fromOrig, data, offset, length, tsNanos);
            case HTTP -> feed(fromOrig, data, offset, length, tsNanos);
        }
    }

    @Override
    public void gap(boolean fromOrig, long bytes, long tsNanos) {
        counters.at(tsNanos);
        counters.inc(Metric.GAPS);
        if (mode == Mode.DETECTING && fromOrig) notHttp(); // the request's start is lost
        if (mode != Mode.HTTP) return;
        if (fromOrig) requests.gap(bytes, tsNanos);
        else responses.gap(bytes, tsNanos);
    }

    @Override
    public void end(long tsNanos) {
        counters.at(tsNanos);
        if (mode == Mode.DETECTING) {
            if (prefixLength > 0 && HttpDetector.looksLikeRequest(prefix, 0, prefixLength)) {
                startHttp();
            } else {
                notHttp();
            }
        }
        if (mode != Mode.HTTP) return;
        requests.end(tsNanos);
        responses.end(tsNanos);
        for (Exchange x : waiting) {
            if (!x.emitted) emit(x);
        }
        waiting.clear();
        mode = Mode.NOT_HTTP; // nothing more may come; later calls are ignored
    }

    /** Not HTTP, or both directions stopped (an error, a tunnel): what is left to say, {@link #end} says. */
    @Override
    public boolean done() {
        return mode == Mode.NOT_HTTP || mode == Mode.HTTP && requests.done() && responses.done();
    }

    /** Buffers the client's first bytes until the detector can tell; server bytes before them mean not HTTP. */
    private void detect(boolean fromOrig, MemorySegment data, long offset, int length, long ts) {
        if (!fromOrig) {
            notHttp(); // an HTTP server never speaks first
            return;
        }
        if (prefixLength == 0) prefixTs = ts;
        int take = Math.min(length, prefix.length - prefixLength);
        MemorySegment.copy(data, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, prefix, prefixLength, take);
        prefixLength += take;
        switch (HttpDetector.detect(prefix, 0, prefixLength)) {
            case NOT_HTTP -> notHttp();
            case NEED_MORE -> { }
            case HTTP -> {
                startHttp();
                feed(true, data, offset + take, length - take, ts);
            }
        }
    }

    /** The detected bytes go to the parser with the time of the first of them (they are few: one request's start). */
    private void startHttp() {
        mode = Mode.HTTP;
        feed(true, MemorySegment.ofArray(prefix), 0, prefixLength, prefixTs);
        prefix = null;
    }

    private void notHttp() {
        mode = Mode.NOT_HTTP;
        prefix = null;
        counters.inc(Metric.NOT_HTTP);
    }

    private void feed(boolean fromOrig, MemorySegment data, long offset, int length, long ts) {
        if (length <= 0) return;
        if (fromOrig) {
            requests.accept(data, offset, length, ts);
            if (sending != null) sending.requestLastTs = ts;
        } else {
            responses.accept(data, offset, length, ts);
        }
    }

    /** What the response parser answers: null while skipping responses owed to dropped requests. */
    private HttpRequestHead pending() {
        Exchange x = waiting.peekFirst();
        return skipResponses > 0 || x == null ? null : x.request;
    }

    private final class RequestSide implements HttpListener {
        @Override
        public void request(HttpRequestHead head) {
            counters.inc(Metric.REQUESTS);
            Exchange x = new Exchange(++depth, head);
            sending = x;
            if (waiting.size() < config.maxOutstanding()) {
                waiting.addLast(x);
            } else {
                counters.inc(Metric.OVERFLOW);
                x.emitted = true; // not paired, so never reported: counted only
                waiting.peekLast().droppedAfter++;
            }
        }

        @Override
        public void response(HttpResponseHead head) {
            throw new IllegalStateException("a request parser reports requests"); // unreachable
        }

        @Override
        public void bodyEnd(long length, boolean complete, long tsNanos) {
            if (sending == null) return;
            sending.requestBodyLen = length;
            sending.requestBodyComplete = complete;
            sending.requestLastTs = tsNanos;
            sending = null;
        }

        @Override
        public void error(HttpError error, long tsNanos) {
            counters.error(error);
        }
    }

    private final class ResponseSide implements HttpListener {
        @Override
        public void request(HttpRequestHead head) {
            throw new IllegalStateException("a response parser reports responses"); // unreachable
        }

        @Override
        public void response(HttpResponseHead head) {
            if (head.interim()) {
                counters.inc(Metric.INTERIM);
                Exchange x = waiting.peekFirst();
                if (x != null && skipResponses == 0) {
                    x.infoCode = head.status();
                    x.infoMsg = head.reason();
                }
                return;
            }
            counters.inc(Metric.RESPONSES);
            Exchange x;
            if (skipResponses > 0) {
                skipResponses--;
                x = new Exchange(depth, null);
                x.emitted = true; // owed to a dropped request: not reported
            } else {
                x = waiting.pollFirst();
                if (x == null) x = new Exchange(++depth, null);
                skipResponses += x.droppedAfter;
            }
            x.response = head;
            x.requestLastBeforeResponse = x.requestLastTs;
            HttpRequestHead r = x.request;
            switching = head.status() == 101 || (r != null && r.isConnect() && head.status() / 100 == 2);
            answering = x;
        }

        @Override
        public void bodyEnd(long length, boolean complete, long tsNanos) {
            Exchange x = answering;
            answering = null;
            if (x == null) return;
            x.responseBodyLen = length;
            x.responseBodyComplete = complete;
            x.responseLastTs = tsNanos;
            if (!x.emitted) emit(x);
            if (switching) {
                switching = false;
                counters.inc(Metric.TUNNELS);
                requests.stop(tsNanos);
            }
        }

        @Override
        public void error(HttpError error, long tsNanos) {
            counters.error(error);
        }
    }

    private void emit(Exchange x) {
        x.emitted = true;
        HttpEvent e = Events.of(id, source, x);
        counters.inc(Metric.EVENTS);
        switch (e.status()) {
            case NO_RESPONSE -> counters.inc(Metric.UNANSWERED);
            case RESPONSE_WITHOUT_REQUEST -> counters.inc(Metric.RESPONSE_WITHOUT_REQUEST);
            case ANSWERED -> { }
        }
        if (e.redacted()) counters.inc(Metric.REDACTED);
        sink.accept(e);
    }
}
