package dev.netproof.decode.tls;

/**
 * Ends the decoding of one message at a malformed spot; caught where the message started and
 * turned into its {@link TlsError}. One shared instance without a stack trace: cheap to throw.
 */
final class Malformed extends Exception {
    static final Malformed INSTANCE = new Malformed();

    private Malformed() {
        super("malformed", null, false, false);
    }
}
