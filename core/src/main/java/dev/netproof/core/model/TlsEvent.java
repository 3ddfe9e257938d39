package dev.netproof.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One TLS connection's handshake, as Zeek's ssl.log has it, plus the client's offer and its
 * fingerprints. Linked to its flow by {@code uid}; {@code origH}/{@code origP} is the client (the
 * side that sent the ClientHello). Nothing here comes from decryption: what TLS 1.3 encrypts (its
 * certificates, its later handshake) is absent.
 *
 * <p>Zeek's columns keep Zeek's names and spellings: {@code version} as {@code TLSv12},
 * {@code cipher} as the IANA name, {@code curve} as the group name ({@code x25519}),
 * {@code lastAlert} as the alert's name, {@code sslHistory} with Zeek's letters (upper case: sent by
 * the client). A null field is Zeek's {@code -} (not seen).
 *
 * @param tsNanos            time of the first ClientHello (of the first client bytes when no hello
 *                           was decoded whole), nanoseconds since the epoch
 * @param version            the version the server selected (supported_versions, else the hello's)
 * @param cipher             the cipher suite the server selected
 * @param curve              the key-exchange group: the server's key share (TLS 1.3) or the named
 *                           curve of its ECDHE key exchange (TLS 1.2)
 * @param serverName         the client's SNI
 * @param nextProtocol       the ALPN protocol the server selected
 * @param established        both sides switched to encrypted records and one was seen, Zeek's rule
 * @param certChainFps       SHA-256 (hex) of each DER certificate the server sent, leaf first
 * @param clientVersion      the ClientHello's legacy version, as {@code version}
 * @param clientSupportedVersions the ClientHello's supported_versions, GREASE left out
 * @param clientCiphers      the offered cipher suites in order (IANA names), GREASE left out
 * @param clientAlpn         the offered ALPN protocols in order
 * @param clientGroups       the offered supported_groups in order (names), GREASE left out
 * @param clientEch          the ClientHello carried encrypted_client_hello (0xfe0d)
 * @param handshakeNanos     first ClientHello → established, -1 if the handshake never completed
 * @param certSubject        the leaf certificate's subject (RFC 2253), and the four below: null
 *                           without a decodable leaf
 * @param certNotValidBefore an {@link Instant}: certificate dates run to year 9999, past what
 *                           nanoseconds in a long hold
 * @param certSan            the leaf's subject alternative names (DNS names, addresses, e-mails, URIs)
 * @param ja3Hash            MD5 of {@code ja3}, lower-case hex (the JA3 users search by), null with it;
 *                           likewise {@code ja3sHash}
 * @param alerts             the alerts seen during the handshake, in order, at most {@link #MAX_ALERTS}
 * @param helloWhole         the ClientHello was decoded whole (false: cut by a gap, the end, or malformed)
 * @param error              why parsing stopped early ({@code orig:<reason>} or {@code resp:<reason>},
 *                           the first one), null if it did not
 */
public record TlsEvent(long tsNanos, String uid, IpAddress origH, int origP, IpAddress respH, int respP,
                       String version, String cipher, String curve, String serverName, boolean resumed,
                       String lastAlert, String nextProtocol, boolean established, String sslHistory,
                       List<String> certChainFps,
                       String clientVersion, List<String> clientSupportedVersions, List<String> clientCiphers,
                       List<String> clientAlpn, List<String> clientGroups, boolean clientEch,
                       String ja3, String ja3s, String ja3Hash, String ja3sHash, String ja4, long handshakeNanos,
                       String certSubject, String certIssuer, Instant certNotValidBefore,
                       Instant certNotValidAfter, List<String> certSan,
                       List<Alert> alerts, boolean helloWhole, String error, String source) {
    /** Alerts kept per connection; later ones are only counted by the analyzer. */
    public static final int MAX_ALERTS = 16;

    /**
     * One alert record's alert.
     *
     * @param fromOrig    sent by the client
     * @param encrypted   sent after the sender's ChangeCipherSpec (TLS 1.2 and older): level and
     *                    description are unreadable and null
     * @param level       {@code warning}, {@code fatal} or {@code unknown-<n>}
     * @param description Zeek's name, e.g. {@code handshake_failure}
     */
    public record Alert(boolean fromOrig, boolean encrypted, String level, String description) {
        public Alert {
            if (encrypted != (level == null) || encrypted != (description == null)) {
                throw new IllegalArgumentException("an encrypted alert has no level or description, a plain one has both");
            }
        }
    }

    public TlsEvent {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(origH, "origH");
        Objects.requireNonNull(respH, "respH");
        Objects.requireNonNull(sslHistory, "sslHistory");
        Objects.requireNonNull(source, "source");
        if (origP < 0 || origP > 65535 || respP < 0 || respP > 65535) throw new IllegalArgumentException("port out of range");
        if (handshakeNanos < -1) throw new IllegalArgumentException("handshakeNanos must be -1 or a duration");
        if (established != (handshakeNanos >= 0)) {
            throw new IllegalArgumentException("a handshake duration exactly when established");
        }
        certChainFps = Lists.frozen(certChainFps);
        clientSupportedVersions = Lists.frozen(clientSupportedVersions);
        clientCiphers = Lists.frozen(clientCiphers);
        clientAlpn = Lists.frozen(clientAlpn);
        clientGroups = Lists.frozen(clientGroups);
        certSan = Lists.frozen(certSan);
        alerts = Lists.frozen(alerts);
        if (alerts.size() > MAX_ALERTS) throw new IllegalArgumentException("more than " + MAX_ALERTS + " alerts");
        if ((ja3 == null) != (ja3Hash == null) || (ja3s == null) != (ja3sHash == null)) {
            throw new IllegalArgumentException("a JA3 or JA3S hash exactly when its string");
        }
    }
}
