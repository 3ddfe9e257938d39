package dev.netproof.app.ingest;

import dev.netproof.decode.http.HttpDetector;
import dev.netproof.flow.http.HttpAnalyzers;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import dev.netproof.flow.stream.StreamSelector;
import java.lang.foreign.MemorySegment;

/**
 * Picks the analyzer of each TCP connection from its first payload, on any port: DNS by its ports;
 * HTTP/1.x by a client that starts with a request line; DNS again by a client that starts with a
 * length-prefixed query. The rest is left alone. One per ingest.
 */
final class StreamAnalyzers implements StreamSelector {
    private final DnsStage dns;
    private final HttpAnalyzers http;

    /** @param dns the DNS stage, or null when DNS is off; likewise {@code http} */
    StreamAnalyzers(DnsStage dns, HttpAnalyzers http) {
        this.dns = dns;
        this.http = http;
    }

    /** Whether any analyzer wants TCP streams at all. */
    boolean any() {
        return dns != null || http != null;
    }

    @Override
    public StreamConsumer select(ConnectionId id, boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
        if (dns != null && (DnsStage.dnsPort(id.respP()) || DnsStage.dnsPort(id.origP()))) return dns.tcp(id);
        // a request line cut short by the first segment still counts: the analyzer checks the rest itself
        if (http != null && fromOrig && HttpDetector.detect(data, offset, length) != HttpDetector.Verdict.NOT_HTTP) {
            return http.open(id, tsNanos);
        }
        if (dns != null && dns.isDnsConnection(id, fromOrig, data, offset, length, tsNanos)) return dns.tcp(id);
        return null;
    }
}
