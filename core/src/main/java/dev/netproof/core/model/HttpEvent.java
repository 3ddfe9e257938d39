package dev.netproof.core.model;

import java.util.Objects;

/**
 * One HTTP/1.x request and its response, or one of them alone, as Zeek's http.log has it (its
 * names where it has the field). Linked to its flow by {@code uid}; {@code origH}/{@code origP}
 * is the client. Strings are null when the message had no such field.
 *
 * @param tsNanos              the request's first byte (the response's, for a response without request)
 * @param transDepth           1-based position of the request on the connection (Zeek's trans_depth)
 * @param uri                  the request target as sent (not percent-decoded), redacted unless turned off
 * @param referrer             the Referer field, redacted like {@code uri}
 * @param version              the request's version ({@code "1.1"}, {@code "1.0"}, {@code "0.9"}); the
 *                             response's for a response without request
 * @param responseVersion      the final response's version, null without one (Zeek logs this one in
 *                             {@code version} once a reply is seen)
 * @param requestBodyLen       body bytes as framed (chunked: the data, without chunk framing), gaps included
 * @param responseBodyLen      likewise; 0 without response
 * @param statusCode           the final response's code; -1 without response, 0 for an HTTP/0.9 answer
 * @param infoCode             the last interim (1xx) response's code before the final one, -1 for none
 * @param ttfbNanos            the request's last byte seen before the response → the response's first
 *                             byte; -1 without both; never negative otherwise (an early answer is 0)
 * @param durationNanos        the request's first byte → the final response's last byte; -1 without both
 * @param requestBodyComplete  the request body reached its end (length, last chunk) with no byte missing
 * @param responseBodyComplete likewise (for a body until the close, the close was seen)
 * @param redacted             something was withheld: a credential field's value, URI or referrer parts
 * @param source               the capture or interface the event came from
 */
public record HttpEvent(long tsNanos, String uid, IpAddress origH, int origP, IpAddress respH, int respP,
                        int transDepth, String method, String host, String uri, String referrer, String version,
                        String userAgent, long requestBodyLen, long responseBodyLen, int statusCode, String statusMsg,
                        int infoCode, String infoMsg, String responseVersion, String requestContentType,
                        String responseContentType, long ttfbNanos, long durationNanos, boolean requestBodyComplete,
                        boolean responseBodyComplete, Status status, boolean redacted, String source) {
    public enum Status {
        /** Request and final response. */
        ANSWERED("answered"),
        /** A request whose response was not seen before the connection ended (or the response side failed). */
        NO_RESPONSE("no_response"),
        /** A response without a request seen before it. */
        RESPONSE_WITHOUT_REQUEST("response_without_request");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public HttpEvent {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(origH, "origH");
        Objects.requireNonNull(respH, "respH");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        if (transDepth < 1) throw new IllegalArgumentException("transDepth must be >= 1");
        if (requestBodyLen < 0 || responseBodyLen < 0) throw new IllegalArgumentException("negative body length");
        if (ttfbNanos < -1 || durationNanos < -1) throw new IllegalArgumentException("negative time");
        if (statusCode < -1 || statusCode > 999 || infoCode < -1 || infoCode > 199) {
            throw new IllegalArgumentException("bad status or info code");
        }
        switch (status) {
            case ANSWERED -> {
                if (method == null || uri == null || statusCode < 0) throw new IllegalArgumentException("answered needs both");
            }
            case NO_RESPONSE -> {
                if (method == null || uri == null || statusCode != -1 || ttfbNanos != -1 || durationNanos != -1) {
                    throw new IllegalArgumentException("no_response has a request and nothing of a response");
                }
            }
            case RESPONSE_WITHOUT_REQUEST -> {
                if (method != null || uri != null || statusCode < 0 || ttfbNanos != -1) {
                    throw new IllegalArgumentException("response_without_request has a response and no request");
                }
            }
        }
    }
}
