package dev.netproof.store;

/** A store failure with a message fit for one line of a command's output. */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
