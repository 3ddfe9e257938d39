package dev.netproof.decode.dns;

/** One question: the name (dotted, no trailing dot; "" for the root), type and class. */
public record DnsQuestion(String name, int type, int dnsClass) {
}
