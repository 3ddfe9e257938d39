package dev.netproof.decode.tls;

import dev.netproof.decode.internal.PayloadBytes;
import java.lang.foreign.MemorySegment;

/**
 * Decodes the handshake messages one direction's listener hears about: hellos, certificates, the
 * ECDHE group of a ServerKeyExchange. Remembers the cipher suite its own ServerHello chose, which
 * says how to read a ServerKeyExchange. Not thread-safe; one per parser.
 */
final class MessageDecoder {
    static final int CLIENT_HELLO = 1, SERVER_HELLO = 2, CERTIFICATE = 11, SERVER_KEY_EXCHANGE = 12;

    private final TlsListener listener;
    private CertificateDecoder certificates;
    private int cipherSuite = -1;

    MessageDecoder(TlsListener listener) {
        this.listener = listener;
    }

    /** Reports one whole message body to the listener; returns its ServerHello when it was one, else null. */
    ServerHello decode(int type, MemorySegment s, long off, int len, long ts) {
        switch (type) {
            case CLIENT_HELLO -> {
                try {
                    listener.clientHello(HelloDecoder.client(s, off, len), ts);
                } catch (Malformed m) {
                    listener.error(TlsError.BAD_CLIENT_HELLO, ts);
                }
            }
            case SERVER_HELLO -> {
                try {
                    ServerHello sh = HelloDecoder.server(s, off, len);
                    cipherSuite = sh.cipherSuite();
                    listener.serverHello(sh, ts);
                    return sh;
                } catch (Malformed m) {
                    listener.error(TlsError.BAD_SERVER_HELLO, ts);
                }
            }
            case CERTIFICATE -> {
                if (certificates == null) certificates = new CertificateDecoder();
                CertificateDecoder.Result r = certificates.decode(s, off, len);
                listener.certificates(r.chain(), ts);
                if (r.error() != null) listener.error(r.error(), ts);
            }
            case SERVER_KEY_EXCHANGE -> {
                // ECParameters: curve_type 3 (named_curve), then the group (RFC 8422 §5.4)
                if (TlsNames.ecdhe(cipherSuite) && len >= 3 && PayloadBytes.u8(s, off) == 3) {
                    listener.serverKeyExchangeGroup(PayloadBytes.u16(s, off + 1), ts);
                }
            }
            default -> { }
        }
        return null;
    }
}
