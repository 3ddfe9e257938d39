package dev.netproof.app.cli;

/** A failure to report as one line (no stack trace) with an exit code. */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(String message) {
        this(message, 1);
    }

    public int exitCode() {
        return exitCode;
    }
}
