package dev.netproof.app.extract;

/** An extraction that cannot be answered, with a one-line reason; {@code notFound} for "no such flow / nothing stored". */
public final class ExtractException extends Exception {
    private final boolean notFound;

    public ExtractException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
