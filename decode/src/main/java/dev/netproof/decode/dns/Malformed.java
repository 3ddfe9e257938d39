package dev.netproof.decode.dns;

/**
 * Ends decoding at a malformed spot; caught by {@link DnsDecoder} and turned into the message's
 * {@link DnsError}. One shared instance per reason, without a stack trace: cheap to throw.
 */
final class Malformed extends Exception {
    private static final Malformed[] BY_ERROR = new Malformed[DnsError.values().length];

    static {
        for (DnsError e : DnsError.values()) BY_ERROR[e.ordinal()] = new Malformed(e);
    }

    final transient DnsError error;

    private Malformed(DnsError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    static Malformed of(DnsError e) {
        return BY_ERROR[e.ordinal()];
    }
}
