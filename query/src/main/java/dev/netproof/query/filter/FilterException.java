package dev.netproof.query.filter;

/**
 * A filter that cannot be parsed or type-checked. The message is one line:
 * {@code filter: at 14: expected a value after '=='}; {@link #position()} is the 1-based column
 * of the offending character (the length plus one when the filter ended too early).
 */
public final class FilterException extends IllegalArgumentException {

    private final int position;
    private final String reason;

    public FilterException(int position, String reason) {
        super("filter: at " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** 1-based column of the problem. */
    public int position() {
        return position;
    }

    /** The message without the {@code filter: at N:} prefix. */
    public String reason() {
        return reason;
    }
}
