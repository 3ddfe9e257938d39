package dev.netproof.decode.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Decodes a TLS 1.2-or-older Certificate message: a 24-bit-length list of 24-bit-length DER
 * certificates, each parsed by the JDK's X.509 {@link CertificateFactory} from a copy bounded by the
 * message (so by the parser's cap). Not thread-safe (the factory is not); one per parser, made on
 * first use.
 */
final class CertificateDecoder {
    /** Certificates decoded per message at most; real chains hold two to five. */
    static final int MAX_CERTIFICATES = 32;

    private CertificateFactory factory;

    /** What one message held, and the first fault met (null when none). */
    record Result(List<CertificateInfo> chain, TlsError error) {}

    /** @param m the parser's message buffer, holding the message at {@code [0, len)} ({@link Reader}) */
    Result decode(byte[] m, int len) {
        List<CertificateInfo> chain = new ArrayList<>();
        TlsError error = null;
        try {
            Reader r = new Reader(m, 0, len);
            Reader list = r.sub(r.u24());
            r.done();
            while (list.remaining() > 0) {
                int n = list.u24();
                Reader der = list.sub(n);
                if (chain.size() == MAX_CERTIFICATES) {
                    error = TlsError.TOO_MANY_CERTIFICATES;
                    break;
                }
                byte[] bytes = java.util.Arrays.copyOfRange(m, der.pos, der.pos + n);
                CertificateInfo info = certificate(bytes);
                if (!info.decoded() && error == null) error = TlsError.BAD_CERTIFICATE;
                chain.add(info);
            }
        } catch (Malformed e) {
            return new Result(chain, TlsError.BAD_CERTIFICATE_LIST);
        }
        return new Result(chain, error);
    }

    private CertificateInfo certificate(byte[] der) {
        String fp = HexFormat.of().formatHex(Fingerprints.digest("SHA-256", der));
        try {
            if (factory == null) factory = CertificateFactory.getInstance("X.509");
            if (!(factory.generateCertificate(new ByteArrayInputStream(der)) instanceof X509Certificate c)) {
                return new CertificateInfo(null, null, null, null, List.of(), null, fp, der.length);
            }
            return new CertificateInfo(c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                    c.getIssuerX500Principal().getName(X500Principal.RFC2253), c.getNotBefore().toInstant(),
                    c.getNotAfter().toInstant(), sans(c), c.getSerialNumber().toString(16), fp, der.length);
        } catch (CertificateException | RuntimeException e) {
            // the JDK parser's boundary: whatever it throws on hostile DER is this certificate's fault only
            return new CertificateInfo(null, null, null, null, List.of(), null, fp, der.length);
        }
    }

    private static List<String> sans(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names == null) return out;
            for (List<?> n : names) {
                // types 1 e-mail, 2 DNS, 6 URI, 7 IP come as strings; the others as DER, not shown
                if (n.size() == 2 && n.get(1) instanceof String v) out.add(v);
            }
        } catch (CertificateParsingException e) {
            return List.of(); // an unreadable extension: no names rather than a guess
        }
        return out;
    }
}
