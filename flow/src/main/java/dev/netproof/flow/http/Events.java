package dev.netproof.flow.http;

import dev.netproof.core.model.HttpEvent;
import dev.netproof.decode.http.HttpRequestHead;
import dev.netproof.decode.http.HttpResponseHead;
import dev.netproof.flow.stream.ConnectionId;

/** Turns a finished {@link Exchange} into its row. */
final class Events {
    private Events() {}

    static HttpEvent of(ConnectionId id, String source, Exchange x) {
        HttpRequestHead q = x.request;
        HttpResponseHead r = x.response;
        HttpEvent.Status status = q == null ? HttpEvent.Status.RESPONSE_WITHOUT_REQUEST
                : r == null ? HttpEvent.Status.NO_RESPONSE : HttpEvent.Status.ANSWERED;
        boolean both = q != null && r != null;
        long ttfb = both ? Math.max(0, r.tsNanos() - x.requestLastBeforeResponse) : -1;
        long duration = both ? Math.max(0, x.responseLastTs - q.tsNanos()) : -1;
        return new HttpEvent(q != null ? q.tsNanos() : r.tsNanos(), id.uid(), id.origH(), id.origP(), id.respH(),
                id.respP(), x.depth,
                q == null ? null : q.method(), q == null ? null : q.host(), q == null ? null : q.uri(),
                q == null ? null : q.referrer(), q != null ? q.version() : r.version(),
                q == null ? null : q.userAgent(), x.requestBodyLen, x.responseBodyLen,
                r == null ? -1 : r.status(), r == null ? null : r.reason(), x.infoCode, x.infoMsg,
                r == null ? null : r.version(), q == null ? null : q.contentType(), r == null ? null : r.contentType(),
                ttfb, duration, q != null && x.requestBodyComplete, r != null && x.responseBodyComplete, status,
                (q != null && q.redacted()) || (r != null && r.redacted()), source);
    }
}
