package dev.netproof.decode.http;

/**
 * A status line and the fields a row needs; strings as in {@link HttpRequestHead}.
 *
 * @param version       {@code "1.1"}, {@code "1.0"}; {@code "0.9"} for the status-less answer to an HTTP/0.9 request
 * @param status        the status code; 0 for an HTTP/0.9 answer
 * @param reason        the reason phrase, empty when the line had none; null for an HTTP/0.9 answer
 * @param contentLength -1 without a Content-Length field
 * @param redacted      a Set-Cookie field was withheld
 * @param tsNanos       capture time of the response's first byte
 */
public record HttpResponseHead(String version, int status, String reason, String contentType, long contentLength,
                               boolean chunked, boolean redacted, long tsNanos) {
    public HttpResponseHead {
        java.util.Objects.requireNonNull(version, "version");
        if (status < 0 || status > 999) throw new IllegalArgumentException("status " + status);
        if (contentLength < -1) throw new IllegalArgumentException("contentLength < -1");
    }

    /** A 1xx response other than 101: the final response to the same request follows. */
    public boolean interim() {
        return status >= 100 && status < 200 && status != 101;
    }
}
