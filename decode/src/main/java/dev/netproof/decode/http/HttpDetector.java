package dev.netproof.decode.http;

import dev.netproof.decode.http.internal.Ascii;

/**
 * Tells from a connection's first client bytes whether it speaks HTTP/1.x, so that HTTP is found
 * on any port. A request starts with a method token and one space: one of the common methods
 * followed by any target, or any other upper-case token followed by {@code /} or {@code http}
 * (absolute form), which keeps out protocols whose first word merely looks like a token
 * ({@code PRI * HTTP/2.0}, SMTP's {@code EHLO x}). Reads at most {@link #NEEDED} bytes; no allocation.
 *
 * <p>It reads an array: its callers copy a connection's first bytes anyway (or a few more), and a detector
 * that read the packet's segment in one caller and a heap copy in another was compiled for one kind, then
 * deoptimized and compiled again at the first of the other (JFR, TLS-mix ingests).
 */
public final class HttpDetector {
    /** Bytes that always suffice for a verdict. */
    public static final int NEEDED = 26;
    private static final int MAX_METHOD = 20;
    private static final String[] KNOWN = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT",
        "TRACE"};

    public enum Verdict { HTTP, NOT_HTTP, NEED_MORE }

    private HttpDetector() {}

    /** True when the bytes start like an HTTP/1.x request (false too when they are too few to tell). */
    public static boolean looksLikeRequest(byte[] s, int off, int len) {
        return detect(s, off, len) == Verdict.HTTP;
    }

    /** The verdict on the first {@code len} bytes of a connection; {@code NEED_MORE} when they are too few. */
    public static Verdict detect(byte[] s, int off, int len) {
        int n = Math.min(len, NEEDED);
        int sp = -1;
        for (int i = 0; i < n; i++) {
            int c = Ascii.u8(s, off + i);
            if (c == ' ') {
                sp = i;
                break;
            }
            if (i == MAX_METHOD || !Ascii.tchar(c)) return Verdict.NOT_HTTP;
        }
        if (sp < 0) return len >= NEEDED ? Verdict.NOT_HTTP : Verdict.NEED_MORE;
        if (sp == 0) return Verdict.NOT_HTTP;
        boolean known = false;
        for (String m : KNOWN) known |= Ascii.equals(s, off, sp, m);
        if (sp + 1 >= len) return Verdict.NEED_MORE;
        int first = Ascii.u8(s, off + sp + 1);
        if (known) return first > ' ' && first < 0x7f ? Verdict.HTTP : Verdict.NOT_HTTP;
        for (int i = 0; i < sp; i++) {
            int c = Ascii.u8(s, off + i);
            if ((c < 'A' || c > 'Z') && c != '-' && c != '_') return Verdict.NOT_HTTP;
        }
        if (first == '/') return Verdict.HTTP;
        if (sp + 5 > len) return Verdict.NEED_MORE;
        return Ascii.equalsIgnoreCase(s, off + sp + 1, 4, "http") ? Verdict.HTTP : Verdict.NOT_HTTP;
    }
}
