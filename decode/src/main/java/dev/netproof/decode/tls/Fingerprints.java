package dev.netproof.decode.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** JA3 and JA4 building blocks. Stateless. */
final class Fingerprints {
    private static final int SNI = 0x0000, ALPN = 0x0010;
    private static final String NO_HASH = "000000000000";

    private Fingerprints() {}

    /** Non-GREASE values, decimal, joined by {@code -}. */
    static String decimal(List<Integer> values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            if (TlsNames.isGrease(v)) continue;
            if (!sb.isEmpty()) sb.append('-');
            sb.append(v);
        }
        return sb.toString();
    }

    /**
     * FoxIO JA4: {@code a_b_c}. a: transport, version, {@code d}/{@code i} (SNI or not), cipher and
     * extension counts (two digits, at most 99), first and last character of the first ALPN value.
     * b: first 12 hex of SHA-256 over the sorted cipher list. c: the same over the sorted extensions
     * without SNI and ALPN, then {@code _} and the signature algorithms in wire order. GREASE is left
     * out everywhere; an empty list hashes to twelve zeros.
     */
    static String ja4(char transport, ClientHello h) {
        List<Integer> ciphers = noGrease(h.cipherSuites());
        List<Integer> exts = noGrease(h.extensions());
        StringBuilder a = new StringBuilder(10).append(transport).append(version(h.maxVersion()))
                .append(h.extensions().contains(SNI) ? 'd' : 'i')
                .append(twoDigits(ciphers.size())).append(twoDigits(exts.size())).append(alpn(h.alpn()));
        String b = ciphers.isEmpty() ? NO_HASH : sha256_12(hexList(sorted(ciphers)));
        List<Integer> sortedExts = new ArrayList<>();
        for (int e : sorted(exts)) if (e != SNI && e != ALPN) sortedExts.add(e);
        String c;
        if (sortedExts.isEmpty()) {
            c = NO_HASH;
        } else {
            List<Integer> sigs = noGrease(h.signatureAlgorithms());
            String text = hexList(sortedExts) + (sigs.isEmpty() ? "" : "_" + hexList(sigs));
            c = sha256_12(text);
        }
        return a + "_" + b + "_" + c;
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

    private static String alpn(List<String> alpn) {
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) return "00";
        String p = alpn.get(0);
        char first = p.charAt(0), last = p.charAt(p.length() - 1);
        if (alnum(first) && alnum(last)) return "" + first + last;
        // a byte outside [0-9A-Za-z] at either end: the first and last characters of the value's hex
        String hex = HexFormat.of().formatHex(p.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static String twoDigits(int n) {
        int v = Math.min(n, 99);
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static List<Integer> noGrease(List<Integer> values) {
        List<Integer> out = new ArrayList<>(values.size());
        for (int v : values) if (!TlsNames.isGrease(v)) out.add(v);
        return out;
    }

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }

    private static String hexList(List<Integer> values) {
        StringBuilder sb = new StringBuilder(5 * values.size());
        for (int v : values) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(HexFormat.of().toHexDigits((short) v));
        }
        return sb.toString();
    }

    private static String sha256_12(String text) {
        return HexFormat.of().formatHex(digest("SHA-256", text.getBytes(StandardCharsets.US_ASCII))).substring(0, 12);
    }

    static String md5(String text) {
        return HexFormat.of().formatHex(digest("MD5", text.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] digest(String algorithm, byte[] data) {
        MessageDigest d = (algorithm.equals("MD5") ? MD5 : SHA256).get();
        d.reset();
        return d.digest(data);
    }

    // One digest per thread, reused: MessageDigest.getInstance looks the provider up each time, which
    // cost more than the hashing (about 16 µs a JA4 on the bench capture's 45,000 handshakes).
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> instance("MD5"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> instance("SHA-256"));

    private static MessageDigest instance(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }
}
