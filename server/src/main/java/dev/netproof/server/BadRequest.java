package dev.netproof.server;

/** A request the client got wrong; answered with status 400 and this message. */
public final class BadRequest extends Exception {
    public BadRequest(String message) {
        super(message);
    }
}
