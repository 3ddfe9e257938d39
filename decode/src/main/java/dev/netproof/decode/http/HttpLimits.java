package dev.netproof.decode.http;

/**
 * Bounds on what one direction of a connection may make the parser hold or count: the parser's
 * only buffer is one line, so memory per direction is at most {@code maxLineBytes} plus the kept
 * header values of one message, whatever the peer sends.
 *
 * @param maxLineBytes a start line, field line, chunk-size line or trailer, without its CRLF (default 8 KiB)
 * @param maxHeaders   field lines in one head, or in one trailer section (default 100)
 * @param maxHeadBytes bytes of one head, start line and CRLFs included (default 64 KiB)
 */
public record HttpLimits(int maxLineBytes, int maxHeaders, int maxHeadBytes) {
    public static final HttpLimits DEFAULTS = new HttpLimits(8 * 1024, 100, 64 * 1024);

    public HttpLimits {
        if (maxLineBytes < 64 || maxHeaders < 1 || maxHeadBytes < maxLineBytes) {
            throw new IllegalArgumentException("limits too small: line >= 64, headers >= 1, head >= line");
        }
    }
}
