package dev.netproof.query;

/** A query that cannot run as asked: an unknown group-by field, a limit out of range. One-line message. */
public final class QueryException extends IllegalArgumentException {
    public QueryException(String message) {
        super(message);
    }
}
