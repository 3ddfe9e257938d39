package dev.netproof.decode.dns;

/**
 * One resource record. {@code data} is its data as text: an address for A/AAAA, a name for
 * CNAME/NS/PTR, {@code "preference exchange"} for MX, the strings for TXT (each as its own entry
 * of {@code texts}), {@code "mname rname serial refresh retry expire minimum"} for SOA,
 * {@code "priority weight port target"} for SRV, {@code "priority target key=value..."} for
 * SVCB/HTTPS, and {@code "\# length hex"} (RFC 3597) for other types.
 */
public record DnsRecord(String name, int type, int dnsClass, long ttl, String data, java.util.List<String> texts) {
    public DnsRecord {
        texts = java.util.List.copyOf(texts);
    }
}
