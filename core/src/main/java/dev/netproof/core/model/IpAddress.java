package dev.netproof.core.model;

import java.nio.charset.StandardCharsets;

/**
 * An IPv4 or IPv6 address as two longs, big-endian: {@code hi} holds bytes 0-7, {@code lo} bytes 8-15.
 * IPv4 addresses are stored IPv4-mapped ({@code ::ffff:a.b.c.d}) so that one 128-bit ordering covers
 * both families and a CIDR block is one contiguous range.
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress> {

    private static final long V4_MAPPED_LO_PREFIX = 0x0000_ffff_0000_0000L;

    public static IpAddress ofV4(int v4) {
        return new IpAddress(0L, V4_MAPPED_LO_PREFIX | (v4 & 0xffff_ffffL));
    }

    public static IpAddress ofV6(long hi, long lo) {
        return new IpAddress(hi, lo);
    }

    public boolean isV4() {
        return isV4(hi, lo);
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0L && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED_LO_PREFIX;
    }

    /** The IPv4 address as an unsigned 32-bit value in an int; only meaningful when {@link #isV4()}. */
    public int v4() {
        return (int) lo;
    }

    /** 16 bytes, network order (IPv4 in its mapped form). */
    public byte[] toBytes16() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    /** 4 bytes for IPv4, 16 for IPv6, network order, as on the wire. */
    public byte[] toWireBytes() {
        if (isV4()) {
            int v = v4();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        return toBytes16();
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    // hashCode, equals and the formatting below are written out: the record's generated ones and
    // string concatenation are method-handle chains, which the JIT inlines at length into every hot
    // caller (a map keyed by addresses, the store writer).
    @Override
    public int hashCode() {
        return Long.hashCode(hi * 0x9E3779B97F4A7C15L ^ lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.hi == hi && a.lo == lo;
    }

    @Override
    public String toString() {
        return format(hi, lo);
    }

    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) return formatV4((int) lo);
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties.
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Dotted decimal, written as bytes: the one copy is the string's own (a builder's int appends cost twice). */
    private static String formatV4(int v) {
        byte[] b = new byte[15];
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (v >>> shift) & 0xff;
            if (octet >= 100) {
                b[n++] = (byte) ('0' + octet / 100);
                b[n++] = (byte) ('0' + octet / 10 % 10);
            } else if (octet >= 10) {
                b[n++] = (byte) ('0' + octet / 10);
            }
            b[n++] = (byte) ('0' + octet % 10);
            if (shift > 0) b[n++] = '.';
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses dotted IPv4 or textual IPv6 (with {@code ::} and an optional trailing dotted quad).
     *
     * @throws IllegalArgumentException with a message naming the text when it is not an address
     */
    public static IpAddress parse(String text) {
        String s = text.trim();
        if (s.indexOf(':') < 0) {
            return ofV4(parseV4(s, text));
        }
        int[] groups = new int[8];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) throw bad(text);
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = parseGroups(head, text, dbl < 0 || tail.isEmpty() ? true : false);
        int[] t = dbl >= 0 ? parseGroups(tail, text, true) : new int[0];
        if (dbl < 0 && h.length != 8) throw bad(text);
        if (dbl >= 0 && h.length + t.length > 7) throw bad(text);
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[4 + i];
        }
        return new IpAddress(hi, lo);
    }

    private static int[] parseGroups(String part, String text, boolean allowV4Tail) {
        if (part.isEmpty()) return new int[0];
        String[] items = part.split(":", -1);
        int n = items.length;
        boolean v4Tail = allowV4Tail && items[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4Tail ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String it = items[i];
            if (v4Tail && i == n - 1) {
                int v4 = parseV4(it, text);
                out[i] = (v4 >>> 16) & 0xffff;
                out[i + 1] = v4 & 0xffff;
                break;
            }
            if (it.isEmpty() || it.length() > 4) throw bad(text);
            int v = 0;
            for (int k = 0; k < it.length(); k++) {
                int d = Character.digit(it.charAt(k), 16);
                if (d < 0) throw bad(text);
                v = (v << 4) | d;
            }
            out[i] = v;
        }
        return out;
    }

    private static int parseV4(String s, String text) {
        long v = v4(s);
        if (v < 0) throw bad(text);
        return (int) v;
    }

    /** A dotted quad's 32 bits (as a non-negative long), or -1; one pass, no allocation. */
    private static long v4(String s) {
        int v = 0, part = 0, digits = 0, dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255) return -1;
            } else if (c == '.' && digits > 0 && dots < 3) {
                v = v << 8 | part;
                part = digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && digits > 0 ? (v << 8 | part) & 0xffff_ffffL : -1;
    }

    /**
     * As {@link #parse}, but null instead of an exception: for text that is often not an address
     * (DNS answer data), where building an exception would cost more than the parse.
     */
    public static IpAddress tryParse(String text) {
        String s = text.trim();
        if (s.indexOf(':') < 0) {
            long v = v4(s);
            return v < 0 ? null : ofV4((int) v);
        }
        // TXT answers hold colons too ("v=spf1 include:..."): only hex digits, colons and dots can be IPv6
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) return null;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not an IP address: '" + text + "'");
    }
}
