package dev.netproof.decode.http.internal;

import static dev.netproof.decode.http.internal.Ascii.u8;

import dev.netproof.decode.http.HttpError;

/**
 * Parses request lines ({@code method SP target SP HTTP/1.x}, or {@code method SP target} for
 * HTTP/0.9, whose only method was GET) and status lines ({@code HTTP/1.x SP 3DIGIT [SP reason]}) into its fields, reused
 * from message to message. Lenient where a passive observer gains by it (a target holding a raw
 * space, a status line without reason), strict where the framing depends on it (the version).
 */
public final class StartLines {
    public String method;
    public String target;
    public String version;
    public int status;
    public String reason;

    /** Parses a request line of {@code [at, to)}; null when well-formed. */
    public HttpError request(byte[] s, int at, int to) {
        int sp1 = Ascii.indexOf(s, at, to, ' ');
        if (sp1 <= at) return HttpError.BAD_REQUEST_LINE;
        for (int p = at; p < sp1; p++) {
            if (!Ascii.tchar(u8(s, p))) return HttpError.BAD_REQUEST_LINE;
        }
        int sp2 = to;
        while (sp2 > sp1 && u8(s, sp2 - 1) != ' ') sp2--;
        sp2--; // the last space
        int tFrom = Ascii.skipOws(s, sp1 + 1, to);
        String v;
        int tTo;
        if (sp2 <= sp1 || sp2 < tFrom) { // two words: HTTP/0.9, which knew only GET
            if (!Ascii.equals(s, at, sp1 - at, "GET")) return HttpError.BAD_REQUEST_LINE;
            v = "0.9";
            tTo = to;
        } else {
            HttpError e = version(s, sp2 + 1, to);
            if (e != null) return e == HttpError.BAD_STATUS_LINE ? HttpError.BAD_REQUEST_LINE : e;
            v = version;
            tTo = Ascii.trimOws(s, tFrom, sp2);
        }
        if (tTo <= tFrom) return HttpError.BAD_REQUEST_LINE;
        for (int p = tFrom; p < tTo; p++) {
            int c = u8(s, p);
            if (c < 0x20 || c == 0x7f) return HttpError.BAD_REQUEST_LINE;
        }
        method = Ascii.latin1(s, at, sp1);
        target = Ascii.latin1(s, tFrom, tTo);
        version = v;
        return null;
    }

    /** Parses a status line of {@code [at, to)}; null when well-formed. */
    public HttpError status(byte[] s, int at, int to) {
        if (to - at < 12) return HttpError.BAD_STATUS_LINE;
        HttpError e = version(s, at, at + 8);
        if (e != null) return e;
        if (u8(s, at + 8) != ' ') return HttpError.BAD_STATUS_LINE;
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int c = u8(s, at + i);
            if (c < '0' || c > '9') return HttpError.BAD_STATUS_LINE;
            code = code * 10 + c - '0';
        }
        if (code < 100) return HttpError.BAD_STATUS_LINE;
        if (to > at + 12 && u8(s, at + 12) != ' ') return HttpError.BAD_STATUS_LINE;
        status = code;
        int from = Ascii.skipOws(s, Math.min(at + 13, to), to);
        reason = Ascii.latin1(s, from, Ascii.trimOws(s, from, to));
        return null;
    }

    /** {@code HTTP/1.d} into {@link #version} ("1.d"); another major version is unsupported. */
    private HttpError version(byte[] s, int at, int to) {
        if (to - at != 8 || !Ascii.equalsIgnoreCase(s, at, 5, "http/") || u8(s, at + 6) != '.') {
            return HttpError.BAD_STATUS_LINE;
        }
        int major = u8(s, at + 5), minor = u8(s, at + 7);
        if (major < '0' || major > '9' || minor < '0' || minor > '9') return HttpError.BAD_STATUS_LINE;
        if (major != '1') return HttpError.UNSUPPORTED_VERSION;
        version = VERSIONS[minor - '0'];
        return null;
    }

    /** "1.0" to "1.9", made once: the concatenation went through an invokedynamic call site, one call a message. */
    private static final String[] VERSIONS = {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9"};
}
