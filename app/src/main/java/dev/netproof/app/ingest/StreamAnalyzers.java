package dev.netproof.app.ingest;

import dev.netproof.decode.http.HttpDetector;
import dev.netproof.decode.tls.TlsDetector;
import dev.netproof.flow.http.HttpAnalyzers;
import dev.netproof.flow.tls.TlsAnalyzers;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import dev.netproof.flow.stream.StreamSelector;
import java.lang.foreign.MemorySegment;

/**
 * Picks the analyzer of each TCP connection from its first payload, on any port: DNS by its ports;
 * TLS by a client that starts with a ClientHello record; HTTP/1.x by a client that starts with a
 * request line; DNS again by a client that starts with a length-prefixed query. The rest is left
 * alone. One per ingest.
 */
final class StreamAnalyzers implements StreamSelector {
    private final DnsStage dns;
    private final HttpAnalyzers http;
    private final TlsAnalyzers tls;

    /** @param dns the DNS stage, or null when DNS is off; likewise {@code http} and {@code tls} */
    StreamAnalyzers(DnsStage dns, HttpAnalyzers http, TlsAnalyzers tls) {
        this.dns = dns;
        this.http = http;
        this.tls = tls;
    }

    /** Whether any analyzer wants TCP streams at all. */
    boolean any() {
        return dns != null || http != null || tls != null;
    }

    @Override
    public StreamConsumer select(ConnectionId id, boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
        if (dns != null && (DnsStage.dnsPort(id.respP()) || DnsStage.dnsPort(id.origP()))) return dns.tcp(id);
        if (tls != null && fromOrig && TlsDetector.looksLikeClientHello(data, offset, length)) return tls.open(id, tsNanos);
        // a request line cut short by the first segment still counts: the analyzer checks the rest itself
        if (http != null && fromOrig && HttpDetector.detect(data, offset, length) != HttpDetector.Verdict.NOT_HTTP) {
            return http.open(id, tsNanos);
        }
        if (dns != null && dns.isDnsConnection(id, fromOrig, data, offset, length, tsNanos)) return dns.tcp(id);
        return null;
    }
}
