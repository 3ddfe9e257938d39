package dev.netproof.decode.dns;

import dev.netproof.core.model.IpAddress;
import java.util.List;

/**
 * One resource record. {@code data} is its data as text: an address for A/AAAA, a name for
 * CNAME/NS/PTR, {@code "preference exchange"} for MX, the strings for TXT (each as its own entry
 * of {@code texts}), {@code "mname rname serial refresh retry expire minimum"} for SOA,
 * {@code "priority weight port target"} for SRV, {@code "priority target key=value..."} for
 * SVCB/HTTPS, and {@code "\# length hex"} (RFC 3597) for other types. {@code address} is the
 * address of an A or AAAA record as decoded (null for the other types), so that passive DNS need
 * not parse {@code data} back.
 */
public record DnsRecord(String name, int type, int dnsClass, long ttl, String data, List<String> texts,
                        IpAddress address) {
    public DnsRecord {
        texts = List.copyOf(texts);
    }

    /** A record from its text: the address of an A or AAAA record is read from {@code data}. */
    public DnsRecord(String name, int type, int dnsClass, long ttl, String data, List<String> texts) {
        this(name, type, dnsClass, ttl, data, texts,
                type == DnsDecoder.A || type == DnsDecoder.AAAA ? IpAddress.tryParse(data) : null);
    }
}
