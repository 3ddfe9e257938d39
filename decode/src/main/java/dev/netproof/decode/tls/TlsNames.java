package dev.netproof.decode.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of TLS code points: cipher suites (the whole IANA registry, read from
 * {@code cipher-suites.txt} beside this class), versions and alert descriptions as Zeek writes them,
 * named groups as IANA (and Zeek) name them. A value without a name reads {@code unknown-0x<hex>}.
 * Thread-safe; the tables are built once.
 */
public final class TlsNames {
    public static final int SSL3 = 0x0300, TLS10 = 0x0301, TLS11 = 0x0302, TLS12 = 0x0303, TLS13 = 0x0304;

    /**
     * Cipher suite names by their 16-bit value: an array, not a map, as each hello's whole offer is named
     * (a boxed map lookup per offered suite was the TLS analyzer's hottest frame). 256 KiB of references.
     */
    private static final String[] CIPHERS = load();
    private static final Map<Integer, String> GROUPS = new HashMap<>();
    private static final Map<Integer, String> ALERTS = new HashMap<>();

    static {
        String[] ec = {null, "sect163k1", "sect163r1", "sect163r2", "sect193r1", "sect193r2", "sect233k1",
            "sect233r1", "sect239k1", "sect283k1", "sect283r1", "sect409k1", "sect409r1", "sect571k1", "sect571r1",
            "secp160k1", "secp160r1", "secp160r2", "secp192k1", "secp192r1", "secp224k1", "secp224r1", "secp256k1",
            "secp256r1", "secp384r1", "secp521r1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "x25519",
            "x448", "brainpoolP256r1tls13", "brainpoolP384r1tls13", "brainpoolP512r1tls13", "GC256A", "GC256B",
            "GC256C", "GC256D", "GC512A", "GC512B", "GC512C", "curveSM2"};
        for (int i = 1; i < ec.length; i++) GROUPS.put(i, ec[i]);
        String[] ff = {"ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192"};
        for (int i = 0; i < ff.length; i++) GROUPS.put(256 + i, ff[i]);
        GROUPS.put(512, "MLKEM512");
        GROUPS.put(513, "MLKEM768");
        GROUPS.put(514, "MLKEM1024");
        GROUPS.put(4587, "SecP256r1MLKEM768");
        GROUPS.put(4588, "X25519MLKEM768");
        GROUPS.put(4589, "SecP384r1MLKEM1024");
        GROUPS.put(4590, "curveSM2MLKEM768");
        GROUPS.put(16696, "CECPQ2");
        GROUPS.put(25497, "X25519Kyber768Draft00");
        GROUPS.put(25498, "SecP256r1Kyber768Draft00");
        GROUPS.put(0xff01, "arbitrary_explicit_prime_curves");
        GROUPS.put(0xff02, "arbitrary_explicit_char2_curves");

        Object[] alerts = {0, "close_notify", 10, "unexpected_message", 20, "bad_record_mac", 21, "decryption_failed",
            22, "record_overflow", 30, "decompression_failure", 40, "handshake_failure", 41, "no_certificate",
            42, "bad_certificate", 43, "unsupported_certificate", 44, "certificate_revoked", 45, "certificate_expired",
            46, "certificate_unknown", 47, "illegal_parameter", 48, "unknown_ca", 49, "access_denied",
            50, "decode_error", 51, "decrypt_error", 60, "export_restriction", 70, "protocol_version",
            71, "insufficient_security", 80, "internal_error", 86, "inappropriate_fallback", 90, "user_canceled",
            100, "no_renegotiation", 110, "unsupported_extension", 111, "certificate_unobtainable",
            112, "unrecognized_name", 113, "bad_certificate_status_response", 114, "bad_certificate_hash_value",
            115, "unknown_psk_identity", 116, "certificate_required", 117, "general_error",
            120, "no_application_protocol", 121, "ech_required"};
        for (int i = 0; i < alerts.length; i += 2) ALERTS.put((Integer) alerts[i], (String) alerts[i + 1]);
    }

    private TlsNames() {}

    /** RFC 8701 GREASE: {@code 0x?a?a} with both bytes equal (0x0a0a, 0x1a1a, ... 0xfafa). */
    public static boolean isGrease(int v) {
        return (v & 0x0f0f) == 0x0a0a && (v >>> 8) == (v & 0xff);
    }

    /** {@code SSLv3}, {@code TLSv10} ... {@code TLSv13}, {@code DTLSv10/12/13}, {@code TLSv13-draft<n>}. */
    public static String version(int v) {
        return switch (v) {
            case 0x0002 -> "SSLv2";
            case SSL3 -> "SSLv3";
            case TLS10 -> "TLSv10";
            case TLS11 -> "TLSv11";
            case TLS12 -> "TLSv12";
            case TLS13 -> "TLSv13";
            case 0xfeff -> "DTLSv10";
            case 0xfefd -> "DTLSv12";
            case 0xfefc -> "DTLSv13";
            default -> (v >>> 8) == 0x7f ? "TLSv13-draft" + (v & 0xff) : unknown(v);
        };
    }

    /** The IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}. */
    public static String cipherSuite(int v) {
        String n = v >= 0 && v < CIPHERS.length ? CIPHERS[v] : null;
        return n != null ? n : unknown(v);
    }

    /** The supported_groups name, e.g. {@code x25519}, {@code secp256r1}, {@code X25519MLKEM768}. */
    public static String group(int v) {
        String n = GROUPS.get(v);
        return n != null ? n : unknown(v);
    }

    /** Zeek's (and IANA's) alert description name, e.g. {@code handshake_failure}. */
    public static String alert(int description) {
        String n = ALERTS.get(description);
        return n != null ? n : unknown(description);
    }

    /** {@code warning}, {@code fatal}, else {@code unknown-0x..}. */
    public static String alertLevel(int level) {
        return level == 1 ? "warning" : level == 2 ? "fatal" : unknown(level);
    }

    /** True when the suite's key exchange is (EC)DHE over a named curve, whose group a ServerKeyExchange names. */
    static boolean ecdhe(int cipherSuite) {
        String n = cipherSuite >= 0 && cipherSuite < CIPHERS.length ? CIPHERS[cipherSuite] : null;
        return n != null && (n.startsWith("TLS_ECDHE_") || n.startsWith("TLS_ECDH_anon_"));
    }

    private static String unknown(int v) {
        String hex = Integer.toHexString(v);
        return "unknown-0x" + "0000".substring(Math.min(4, hex.length())) + hex;
    }

    private static String[] load() {
        String[] m = new String[0x10000];
        try (InputStream in = TlsNames.class.getResourceAsStream("cipher-suites.txt")) {
            if (in == null) throw new IllegalStateException("cipher-suites.txt missing beside TlsNames");
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int sp = line.indexOf(' ');
                m[Integer.parseInt(line.substring(2, sp), 16) & 0xffff] = line.substring(sp + 1).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
