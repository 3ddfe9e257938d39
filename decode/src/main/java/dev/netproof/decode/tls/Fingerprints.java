package dev.netproof.decode.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** JA3 and JA4 building blocks. Stateless. */
final class Fingerprints {
    private static final int SNI = 0x0000, ALPN = 0x0010;
    private static final String NO_HASH = "000000000000";

    private Fingerprints() {}

    /** Non-GREASE values, decimal, joined by {@code -}. */
    static String decimal(List<Integer> values) {
        return decimal(new StringBuilder(), values).toString();
    }

    /** Appends the non-GREASE values to {@code sb}, decimal, joined by {@code -}. */
    static StringBuilder decimal(StringBuilder sb, List<Integer> values) {
        boolean first = true;
        Codes codes = Codes.of(values);
        for (int i = 0, n = codes.size(); i < n; i++) {
            int v = codes.code(i);
            if (TlsNames.isGrease(v)) continue;
            if (!first) sb.append('-');
            first = false;
            sb.append(v);
        }
        return sb;
    }

    /**
     * FoxIO JA4: {@code a_b_c}. a: transport, version, {@code d}/{@code i} (SNI or not), cipher and
     * extension counts (two digits, at most 99), first and last character of the first ALPN value.
     * b: first 12 hex of SHA-256 over the sorted cipher list. c: the same over the sorted extensions
     * without SNI and ALPN, then {@code _} and the signature algorithms in wire order. GREASE is left
     * out everywhere; an empty list hashes to twelve zeros.
     *
     * <p>Made over int arrays and the hashed text's bytes, not boxed lists and strings: one is made per
     * TLS connection, and the list version cost more than the rest of the row.
     */
    static String ja4(char transport, ClientHello h) {
        int[] ciphers = noGrease(h.cipherSuites());
        int[] exts = noGrease(h.extensions());
        StringBuilder out = new StringBuilder(36).append(transport).append(version(h.maxVersion()))
                .append(contains(exts, SNI) ? 'd' : 'i');
        twoDigits(out, ciphers.length);
        twoDigits(out, exts.length);
        alpn(out, h.alpn());
        out.append('_');
        if (ciphers.length == 0) {
            out.append(NO_HASH);
        } else {
            Arrays.sort(ciphers);
            sha256_12(out, hexList(ciphers, ciphers.length, null, 0));
        }
        out.append('_');
        int[] kept = new int[exts.length];
        int n = 0;
        for (int e : exts) if (e != SNI && e != ALPN) kept[n++] = e;
        if (n == 0) {
            out.append(NO_HASH);
        } else {
            Arrays.sort(kept, 0, n);
            int[] sigs = noGrease(h.signatureAlgorithms());
            sha256_12(out, hexList(kept, n, sigs, sigs.length));
        }
        return out.toString();
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) if (x == v) return true;
        return false;
    }

    private static String version(int v) {
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    private static void alpn(StringBuilder out, List<String> alpn) {
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
            out.append("00");
            return;
        }
        String p = alpn.get(0);
        char first = p.charAt(0), last = p.charAt(p.length() - 1);
        if (alnum(first) && alnum(last)) {
            out.append(first).append(last);
            return;
        }
        // a byte outside [0-9A-Za-z] at either end: the first and last characters of the value's hex
        String hex = HexFormat.of().formatHex(p.getBytes(StandardCharsets.ISO_8859_1));
        out.append(hex.charAt(0)).append(hex.charAt(hex.length() - 1));
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static void twoDigits(StringBuilder out, int n) {
        int v = Math.min(n, 99);
        out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static int[] noGrease(List<Integer> values) {
        Codes codes = Codes.of(values);
        int[] out = new int[codes.size()];
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            int v = codes.code(i);
            if (!TlsNames.isGrease(v)) out[n++] = v;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Lower-case hex digits as bytes; {@link Reader#hex} uses them too. */
    static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * ASCII of {@code a[0..n)} as four-digit hex joined by commas, then, if {@code m > 0}, {@code _} and
     * {@code b[0..m)} the same way: the text JA4 hashes.
     */
    private static byte[] hexList(int[] a, int n, int[] b, int m) {
        byte[] out = new byte[5 * n - 1 + (m > 0 ? 5 * m : 0)];
        int p = hex(a, n, out, 0);
        if (m > 0) {
            out[p++] = '_';
            hex(b, m, out, p);
        }
        return out;
    }

    private static int hex(int[] values, int n, byte[] out, int p) {
        for (int i = 0; i < n; i++) {
            if (i > 0) out[p++] = ',';
            int v = values[i];
            out[p++] = HEX[(v >>> 12) & 0xf];
            out[p++] = HEX[(v >>> 8) & 0xf];
            out[p++] = HEX[(v >>> 4) & 0xf];
            out[p++] = HEX[v & 0xf];
        }
        return p;
    }

    /** The first 12 hex digits of the SHA-256 of {@code text}. */
    private static void sha256_12(StringBuilder out, byte[] text) {
        byte[] d = digest("SHA-256", text);
        for (int i = 0; i < 6; i++) out.append((char) HEX[(d[i] >>> 4) & 0xf]).append((char) HEX[d[i] & 0xf]);
    }

    static String md5(String text) {
        return HexFormat.of().formatHex(digest("MD5", text.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] digest(String algorithm, byte[] data) {
        return (algorithm.equals("MD5") ? MD5 : SHA256).get().digest(data);
    }

    // One memo per thread and algorithm: MessageDigest.getInstance looks the provider up each time, which
    // cost more than the hashing (about 16 µs a JA4 on the bench capture's 45,000 handshakes).
    private static final ThreadLocal<Memo> MD5 = ThreadLocal.withInitial(() -> new Memo(instance("MD5")));
    private static final ThreadLocal<Memo> SHA256 = ThreadLocal.withInitial(() -> new Memo(instance("SHA-256")));

    /**
     * The digests of the last inputs, by input: the hashed texts repeat across connections (one client stack
     * sends the same sorted JA4 lists and, unless it shuffles its extensions as Chrome does, the same JA3 on
     * every connection; a server sends the same certificate chain), and looking one up costs a hash and a
     * compare of the input, where digesting it was about a third of building a TLS row. Direct-mapped,
     * {@value #SLOTS} inputs of at most {@value #MAX_KEPT} bytes: a miss only overwrites a slot. Returns a
     * copy, so callers may keep or change it.
     */
    static final class Memo {
        static final int SLOTS = 256, MAX_KEPT = 4096;
        private final MessageDigest d;
        private final byte[][] inputs = new byte[SLOTS][];
        private final byte[][] digests = new byte[SLOTS][];

        Memo(MessageDigest d) {
            this.d = d;
        }

        byte[] digest(byte[] data) {
            if (data.length > MAX_KEPT) return fresh(data);
            int slot = Arrays.hashCode(data) & (SLOTS - 1);
            byte[] kept = inputs[slot];
            if (kept != null && Arrays.equals(kept, data)) return digests[slot].clone();
            byte[] out = fresh(data);
            inputs[slot] = data.clone();
            digests[slot] = out.clone();
            return out;
        }

        private byte[] fresh(byte[] data) {
            d.reset();
            return d.digest(data);
        }
    }

    private static MessageDigest instance(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }
}
