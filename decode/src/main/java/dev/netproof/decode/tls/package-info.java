/**
 * TLS seen from the wire, without decryption: a {@link dev.netproof.decode.tls.TlsStreamParser}
 * frames one direction's records from reassembled bytes in chunks of any size and decodes the
 * plaintext handshake (ClientHello and ServerHello with JA3, JA3S and JA4 fingerprints, the TLS 1.2
 * certificate chain through the JDK's X.509 parser), alerts and ChangeCipherSpec into
 * {@link dev.netproof.decode.tls.TlsListener} calls. {@link dev.netproof.decode.tls.TlsNames} names
 * the code points the way Zeek's ssl.log and the IANA registries do, and
 * {@link dev.netproof.decode.tls.TlsDetector} recognises a ClientHello on any port. Memory is bounded
 * by one handshake message per direction; hostile lengths end in a named
 * {@link dev.netproof.decode.tls.TlsError}, never an exception.
 */
package dev.netproof.decode.tls;
