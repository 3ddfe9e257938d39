package dev.netproof.decode.http.internal;

import static dev.netproof.decode.http.internal.Ascii.u8;

import dev.netproof.decode.http.HttpError;

/**
 * The fields of one head that a row or the framing needs, collected line by line and reset per
 * message. Other fields are recognised by name in place and dropped, without a string. The values
 * of Authorization, Proxy-Authorization, Cookie and Set-Cookie never become strings: only their
 * presence is noted ({@link #credentials}).
 */
public final class HeaderFields {
    private static final int NONE = 0, OTHER = 1, HOST = 2, USER_AGENT = 3, REFERER = 4, CONTENT_TYPE = 5,
            CONTENT_LENGTH = 6, TRANSFER_ENCODING = 7, EXPECT = 8, UPGRADE = 9, CREDENTIAL = 10;
    /** The field names this reads (lower case), and what each is; one loop matches them all. */
    private static final String[] NAMES = {"host", "user-agent", "referer", "content-type", "content-length",
            "transfer-encoding", "expect", "upgrade", "authorization", "proxy-authorization", "cookie", "set-cookie"};
    private static final int[] KINDS = {HOST, USER_AGENT, REFERER, CONTENT_TYPE, CONTENT_LENGTH, TRANSFER_ENCODING,
            EXPECT, UPGRADE, CREDENTIAL, CREDENTIAL, CREDENTIAL, CREDENTIAL};

    /** Which of {@link #NAMES} the {@code n} bytes at {@code at} are, or {@link #OTHER}. */
    private static int name(byte[] s, int at, int n) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].length() == n && Ascii.equalsIgnoreCase(s, at, n, NAMES[i])) return KINDS[i];
        }
        return OTHER;
    }

    public String host, userAgent, referrer, contentType;
    /** -1 when absent. */
    public long contentLength;
    public boolean transferEncoding, chunked, expectContinue, upgrade, credentials;
    private int last;
    private final int maxValue;

    /** @param maxValue longest value kept, folded lines included (the line cap) */
    public HeaderFields(int maxValue) {
        this.maxValue = maxValue;
        reset();
    }

    public void reset() {
        host = userAgent = referrer = contentType = null;
        contentLength = -1;
        transferEncoding = chunked = expectContinue = upgrade = credentials = false;
        last = NONE;
    }

    /** One field line {@code [at, to)} without its CRLF; null when acceptable. */
    public HttpError line(byte[] s, int at, int to) {
        if (Ascii.ows(u8(s, at))) return fold(s, at, to);
        int colon = Ascii.indexOf(s, at, to, ':');
        if (colon <= at) return HttpError.BAD_HEADER;
        for (int p = at; p < colon; p++) {
            if (!Ascii.tchar(u8(s, p))) return HttpError.BAD_HEADER; // includes whitespace before the colon
        }
        int vFrom = Ascii.skipOws(s, colon + 1, to);
        int vTo = Ascii.trimOws(s, vFrom, to);
        int n = colon - at;
        last = OTHER;
        switch (name(s, at, n)) {
            case HOST -> {
                last = HOST;
                if (host == null) host = Ascii.latin1(s, vFrom, vTo);
            }
            case USER_AGENT -> {
                last = USER_AGENT;
                if (userAgent == null) userAgent = Ascii.latin1(s, vFrom, vTo);
            }
            case REFERER -> {
                last = REFERER;
                if (referrer == null) referrer = Ascii.latin1(s, vFrom, vTo);
            }
            case CONTENT_TYPE -> {
                last = CONTENT_TYPE;
                if (contentType == null) contentType = Ascii.latin1(s, vFrom, vTo);
            }
            case CONTENT_LENGTH -> {
                last = CONTENT_LENGTH;
                return contentLength(s, vFrom, vTo);
            }
            case TRANSFER_ENCODING -> {
                last = TRANSFER_ENCODING;
                transferEncoding(s, vFrom, vTo);
            }
            case EXPECT -> expectContinue |= Ascii.equalsIgnoreCase(s, vFrom, vTo - vFrom, "100-continue");
            case UPGRADE -> upgrade = true;
            case CREDENTIAL -> credentials = true;
            default -> { }
        }
        return null;
    }

    /**
     * An obs-fold line (RFC 9112 §5.2) continues the previous field. Tolerated, because senders
     * still emit it and rejecting would blind the rest of the connection, except on the two fields
     * that frame the body, where peers may disagree on the joined value (a smuggling vector).
     */
    private HttpError fold(byte[] s, int at, int to) {
        int vFrom = Ascii.skipOws(s, at, to);
        int vTo = Ascii.trimOws(s, vFrom, to);
        switch (last) {
            case NONE -> { return HttpError.BAD_HEADER; }
            case CONTENT_LENGTH, TRANSFER_ENCODING -> { return HttpError.FOLDED_FRAMING_HEADER; }
            case HOST -> host = join(host, s, vFrom, vTo);
            case USER_AGENT -> userAgent = join(userAgent, s, vFrom, vTo);
            case REFERER -> referrer = join(referrer, s, vFrom, vTo);
            case CONTENT_TYPE -> contentType = join(contentType, s, vFrom, vTo);
            default -> { }
        }
        return null;
    }

    private String join(String head, byte[] s, int from, int to) {
        if (from == to || head.length() >= maxValue) return head;
        String joined = head + " " + Ascii.latin1(s, from, Math.min(to, from + maxValue - head.length() - 1));
        return joined.length() > maxValue ? joined.substring(0, maxValue) : joined;
    }

    /** 1*DIGIT, or a list of equal ones (RFC 9112 §6.3 item 5); every line must agree. */
    private HttpError contentLength(byte[] s, int from, int to) {
        if (from == to) return HttpError.BAD_CONTENT_LENGTH;
        int p = from;
        while (p < to) {
            long v = 0;
            int digits = 0;
            while (p < to && u8(s, p) >= '0' && u8(s, p) <= '9') {
                if (++digits > 18) return HttpError.BAD_CONTENT_LENGTH; // 10^18 - 1 < 2^63: no overflow
                v = v * 10 + u8(s, p++) - '0';
            }
            if (digits == 0) return HttpError.BAD_CONTENT_LENGTH;
            if (contentLength >= 0 && contentLength != v) return HttpError.CONFLICTING_CONTENT_LENGTH;
            contentLength = v;
            p = Ascii.skipOws(s, p, to);
            if (p == to) break;
            if (u8(s, p) != ',') return HttpError.BAD_CONTENT_LENGTH;
            p = Ascii.skipOws(s, p + 1, to);
        }
        return null;
    }

    /** Only the last coding matters: chunked last frames the body, anything else leaves it to the close. */
    private void transferEncoding(byte[] s, int from, int to) {
        int end = to;
        while (end > from && (u8(s, end - 1) == ',' || Ascii.ows(u8(s, end - 1)))) end--;
        if (end == from) return;
        transferEncoding = true;
        int start = end;
        while (start > from && u8(s, start - 1) != ',') start--;
        start = Ascii.skipOws(s, start, end);
        int semi = Ascii.indexOf(s, start, end, ';');
        int tokenEnd = Ascii.trimOws(s, start, semi < 0 ? end : semi);
        chunked = Ascii.equalsIgnoreCase(s, start, tokenEnd - start, "chunked");
    }
}
