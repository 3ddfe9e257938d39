package dev.netproof.decode.tls;

import java.util.List;

/**
 * What a {@link TlsStreamParser} found in one direction of a connection, in stream order. Every
 * method has an empty default, so a listener takes only what it needs. {@code tsNanos} is the
 * capture time passed with the bytes that completed the item.
 *
 * <p>For a handshake message the specific call ({@link #clientHello}, {@link #serverHello},
 * {@link #certificates}, {@link #serverKeyExchangeGroup}, or {@link #error} when it was malformed)
 * comes first, then {@link #handshakeMessage} for every plaintext message whatever its type.
 * Record-level calls ({@link #changeCipherSpec}, {@link #encryptedAlert}, {@link #applicationData},
 * {@link #encryptedHandshake}) come when the record's last byte arrives; {@link #alert} when the
 * alert's second byte does.
 */
public interface TlsListener {
    default void clientHello(ClientHello hello, long tsNanos) {}

    default void serverHello(ServerHello hello, long tsNanos) {}

    /** A TLS 1.2-or-older Certificate message: the chain as sent, leaf first (possibly empty). */
    default void certificates(List<CertificateInfo> chain, long tsNanos) {}

    /** The named group of an ECDHE ServerKeyExchange (TLS 1.2 and older). */
    default void serverKeyExchangeGroup(int group, long tsNanos) {}

    /** Any plaintext handshake message, after its specific call: its type and body length. */
    default void handshakeMessage(int type, int length, long tsNanos) {}

    default void changeCipherSpec(long tsNanos) {}

    /** A plaintext alert; a record may hold several. */
    default void alert(int level, int description, long tsNanos) {}

    /** An alert record sent after this direction's ChangeCipherSpec (TLS 1.2 and older): unreadable. */
    default void encryptedAlert(int length, long tsNanos) {}

    /** An application_data record (in TLS 1.3 also the encrypted handshake, which travels as one). */
    default void applicationData(int length, long tsNanos) {}

    /** A handshake record after this direction's ChangeCipherSpec or TLS 1.3 ServerHello: counted, not parsed. */
    default void encryptedHandshake(int length, long tsNanos) {}

    /** Something could not be parsed; when {@link TlsError#stopsParser()}, nothing more comes. */
    default void error(TlsError error, long tsNanos) {}
}
