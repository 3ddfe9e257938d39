package dev.netproof.query.filter;

/** The kind of value a filter field holds; decides which literals and operators it accepts. */
public enum FieldType {
    /** Text; compared case-sensitively; accepts {@code ~}. */
    STRING("a string"),
    /** A whole number (ports, counters). */
    INTEGER("an integer"),
    /** A decimal number (seconds of duration). */
    FLOAT("a number"),
    /** An IPv4 or IPv6 address kept as sign-flipped hi/lo BIGINT halves; accepts CIDR blocks. */
    ADDRESS("an IP address or CIDR block"),
    /** A point in time stored as BIGINT nanoseconds; accepts RFC 3339 or epoch seconds. */
    TIME("a time (RFC 3339 or epoch seconds)");

    private final String expected;

    FieldType(String expected) {
        this.expected = expected;
    }

    /** What a literal of this type looks like, for error messages ("expected an integer"). */
    public String expected() {
        return expected;
    }
}
