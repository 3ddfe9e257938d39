package dev.netproof.decode.tls;

import dev.netproof.decode.internal.ArrayBytes;

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

    /**
     * Reports one whole message body, {@code m[0, len)}, to the listener; returns its ServerHello when it was one,
     * else null. {@code m} is the parser's buffer, which holds {@link Reader#SLACK} bytes more.
     */
    ServerHello decode(int type, byte[] m, int len, long ts) {
        switch (type) {
            case CLIENT_HELLO -> {
                try {
                    listener.clientHello(HelloDecoder.client(m, 0, len), ts);
                } catch (Malformed e) {
                    listener.error(TlsError.BAD_CLIENT_HELLO, ts);
                }
            }
            case SERVER_HELLO -> {
                try {
                    ServerHello sh = HelloDecoder.server(m, 0, len);
                    cipherSuite = sh.cipherSuite();
                    listener.serverHello(sh, ts);
                    return sh;
                } catch (Malformed e) {
                    listener.error(TlsError.BAD_SERVER_HELLO, ts);
                }
            }
            case CERTIFICATE -> {
                if (certificates == null) certificates = new CertificateDecoder();
                CertificateDecoder.Result r = certificates.decode(m, len);
                listener.certificates(r.chain(), ts);
                if (r.error() != null) listener.error(r.error(), ts);
            }
            case SERVER_KEY_EXCHANGE -> {
                // ECParameters: curve_type 3 (named_curve), then the group (RFC 8422 §5.4)
                if (TlsNames.ecdhe(cipherSuite) && len >= 3 && m[0] == 3) {
                    listener.serverKeyExchangeGroup(ArrayBytes.u16(m, 1), ts);
                }
            }
            default -> { }
        }
        return null;
    }
}
