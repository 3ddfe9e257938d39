package dev.netproof.decode.http;

/**
 * A request line and the fields a row needs. Strings are the wire bytes as ISO-8859-1, values
 * trimmed; null when the field was absent. {@code uri} and {@code referrer} are already redacted
 * when the parser redacts.
 *
 * @param version        {@code "1.1"}, {@code "1.0"}, or {@code "0.9"} for a request line without version
 * @param contentLength  -1 without a Content-Length field
 * @param chunked        Transfer-Encoding ends in chunked (then Content-Length is ignored)
 * @param expectContinue {@code Expect: 100-continue}
 * @param upgrade        an Upgrade field was present (a 101 may switch protocols)
 * @param redacted       something was withheld: a credential field's presence, or part of the URI or referrer
 * @param tsNanos        capture time of the request's first byte
 */
public record HttpRequestHead(String method, String uri, String version, String host, String userAgent,
                              String referrer, String contentType, long contentLength, boolean chunked,
                              boolean expectContinue, boolean upgrade, boolean redacted, long tsNanos) {
    public HttpRequestHead {
        java.util.Objects.requireNonNull(method, "method");
        java.util.Objects.requireNonNull(uri, "uri");
        java.util.Objects.requireNonNull(version, "version");
        if (contentLength < -1) throw new IllegalArgumentException("contentLength < -1");
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }

    public boolean isConnect() {
        return method.equals("CONNECT");
    }
}
