package dev.netproof.decode.tls;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One certificate of a chain a server (or client) sent in TLS 1.2 or older. When the JDK's X.509
 * parser refused the DER bytes, only {@code sha256} and {@code length} are set ({@link #decoded()}
 * is false) and the parser reported {@link TlsError#BAD_CERTIFICATE}.
 *
 * @param subject   RFC 2253 form, e.g. {@code CN=example.com,O=Example}
 * @param serial    the serial number, lower-case hex without leading zeros
 * @param sans      subject alternative names: DNS names, IP addresses, e-mail addresses, URIs, in order
 * @param sha256    SHA-256 of the DER bytes, lower-case hex (Zeek's {@code cert_chain_fps})
 * @param length    DER length in bytes
 */
public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter, List<String> sans,
                              String serial, String sha256, int length) {
    public CertificateInfo {
        Objects.requireNonNull(sha256, "sha256");
        sans = List.copyOf(sans);
    }

    public boolean decoded() {
        return subject != null;
    }
}
