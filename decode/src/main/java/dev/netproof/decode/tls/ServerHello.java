package dev.netproof.decode.tls;

import java.util.List;
import java.util.Objects;

/**
 * A decoded ServerHello (or HelloRetryRequest, which has the same shape and a fixed random).
 *
 * @param legacyVersion      the hello's {@code legacy_version}
 * @param selectedVersion    supported_versions' value when present (TLS 1.3), else {@code legacyVersion}
 * @param extensions         extension types in order
 * @param alpn               the selected ALPN protocol, null without one
 * @param keyShareGroup      key_share's group (in a HelloRetryRequest: the group asked for), -1 without
 * @param sessionId          the legacy session id, hex (empty when none)
 * @param helloRetryRequest  the random is RFC 8446's HelloRetryRequest value
 * @param psk                pre_shared_key is present: the server accepted an offered PSK
 */
public record ServerHello(int legacyVersion, int selectedVersion, int cipherSuite, int compressionMethod,
                          List<Integer> extensions, String alpn, int keyShareGroup, String sessionId,
                          boolean helloRetryRequest, boolean psk) {
    public ServerHello {
        Objects.requireNonNull(sessionId, "sessionId");
        extensions = Codes.of(extensions);
    }

    /** True when the selected version is TLS 1.3 or one of its drafts (0x7fxx). */
    public boolean tls13() {
        return selectedVersion == TlsNames.TLS13 || (selectedVersion >>> 8) == 0x7f;
    }

    /** The JA3S string: {@code version,cipher,extensions}, decimal, GREASE left out. */
    public String ja3s() {
        return legacyVersion + "," + cipherSuite + "," + Fingerprints.decimal(extensions);
    }

    /** MD5 of {@link #ja3s()}, lower-case hex. */
    public String ja3sHash() {
        return Fingerprints.md5(ja3s());
    }

    /** MD5 of {@code ja3s}, a hello's {@link #ja3s()} already made, lower-case hex. */
    public static String ja3sHash(String ja3s) {
        return Fingerprints.md5(ja3s);
    }
}
