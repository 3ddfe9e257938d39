package dev.netproof.decode.tls;

import java.util.List;
import java.util.Objects;

/**
 * A decoded ClientHello: the client's offer in wire order, GREASE values included (the fingerprint
 * methods leave them out). Code points are the IANA values; {@link TlsNames} names them.
 *
 * @param legacyVersion      the hello's {@code legacy_version} (0x0303 for TLS 1.2 and 1.3)
 * @param sessionId          the legacy session id, hex (empty when none)
 * @param extensions         extension types in order
 * @param serverName         the first host_name of server_name (SNI), ISO-8859-1, null without one
 * @param alpn               application_layer_protocol_negotiation's protocols, in order
 * @param supportedVersions  supported_versions (TLS 1.3 clients), in order
 * @param keyShareGroups     the groups of key_share's entries, in order
 * @param sessionTicket      session_ticket carries a ticket (a resumption attempt, not an empty offer)
 * @param pskOffered         pre_shared_key is present
 * @param ech                encrypted_client_hello (0xfe0d) is present
 */
public record ClientHello(int legacyVersion, String sessionId, List<Integer> cipherSuites,
                          List<Integer> compressionMethods, List<Integer> extensions, String serverName,
                          List<String> alpn, List<Integer> supportedVersions, List<Integer> supportedGroups,
                          List<Integer> ecPointFormats, List<Integer> signatureAlgorithms,
                          List<Integer> keyShareGroups, boolean sessionTicket, boolean pskOffered, boolean ech) {
    public ClientHello {
        Objects.requireNonNull(sessionId, "sessionId");
        // immutable either way; the decoder's lists are Codes already, and kept as they are
        cipherSuites = Codes.of(cipherSuites);
        compressionMethods = Codes.of(compressionMethods);
        extensions = Codes.of(extensions);
        alpn = List.copyOf(alpn);
        supportedVersions = Codes.of(supportedVersions);
        supportedGroups = Codes.of(supportedGroups);
        ecPointFormats = Codes.of(ecPointFormats);
        signatureAlgorithms = Codes.of(signatureAlgorithms);
        keyShareGroups = Codes.of(keyShareGroups);
    }

    /**
     * The JA3 string: {@code version,ciphers,extensions,groups,point formats}, decimal values joined
     * by {@code -}, GREASE left out (Salesforce's JA3, as Suricata and Wireshark compute it).
     */
    public String ja3() {
        StringBuilder b = new StringBuilder(128).append(legacyVersion).append(',');
        Fingerprints.decimal(b, cipherSuites);
        Fingerprints.decimal(b.append(','), extensions);
        Fingerprints.decimal(b.append(','), supportedGroups);
        Fingerprints.decimal(b.append(','), ecPointFormats);
        return b.toString();
    }

    /** MD5 of {@link #ja3()}, lower-case hex. */
    public String ja3Hash() {
        return Fingerprints.md5(ja3());
    }

    /** MD5 of {@code ja3}, this hello's {@link #ja3()} already made, lower-case hex. */
    public static String ja3Hash(String ja3) {
        return Fingerprints.md5(ja3);
    }

    /** The FoxIO JA4 fingerprint of this hello seen over TCP, e.g. {@code t13d1516h2_8daaf6152771_e5627efa2ab1}. */
    public String ja4() {
        return Fingerprints.ja4('t', this);
    }

    /** The highest supported_versions value (GREASE left out), else the legacy version. */
    public int maxVersion() {
        int max = -1;
        for (int v : supportedVersions) if (!TlsNames.isGrease(v) && v > max) max = v;
        return max < 0 ? legacyVersion : max;
    }
}
