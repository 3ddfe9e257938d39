package dev.netproof.app.ingest;

import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import dev.netproof.flow.stream.StreamSelector;
import java.lang.foreign.MemorySegment;

/**
 * Picks the analyzer of each TCP connection from its first payload: DNS by port or by a
 * length-prefixed query; the rest is left alone. One per ingest.
 */
final class StreamAnalyzers implements StreamSelector {
    private final DnsStage dns;

    /** @param dns the DNS stage, or null when DNS is off */
    StreamAnalyzers(DnsStage dns) {
        this.dns = dns;
    }

    /** Whether any analyzer wants TCP streams at all. */
    boolean any() {
        return dns != null;
    }

    @Override
    public StreamConsumer select(ConnectionId id, boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
        if (dns != null && dns.isDnsConnection(id, fromOrig, data, offset, length, tsNanos)) return dns.tcp(id);
        return null;
    }
}
