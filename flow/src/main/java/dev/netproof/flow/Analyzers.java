package dev.netproof.flow;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.DnsEvent;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.decode.DecodedPacket;
import dev.netproof.decode.http.HttpDetector;
import dev.netproof.decode.tls.TlsDetector;
import dev.netproof.flow.dns.DnsAnalyzer;
import dev.netproof.flow.dns.PassiveDns;
import dev.netproof.flow.http.HttpAnalyzers;
import dev.netproof.flow.stream.StreamConsumer;
import dev.netproof.flow.stream.StreamSelector;
import dev.netproof.flow.stream.TcpStreams;
import dev.netproof.flow.tls.TlsAnalyzers;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;


/**
 * The application analyzers of one source (DNS, HTTP/1.x, TLS) beside its {@link FlowTable}: feed
 * {@link #accept} every packet right after the table took it, and call {@link #finish} after the
 * table's {@code finish()} (which ends the TCP connections, whose analyzers may still emit).
 *
 * <p>DNS over UDP is read from the packets; TCP payload goes through {@link TcpStreams}, and the
 * analyzer of a connection is picked from its first payload, on any port: DNS by the server's port
 * (53, 5353, 5355, 137), TLS by a ClientHello record, HTTP by a request line, DNS again by a
 * length-prefixed query; the rest is left alone. Not thread-safe: the table's thread calls it.
 */
public final class Analyzers implements StreamSelector {
    /** Where each analyzer's records go; a null sink turns that analyzer off. */
    public record Sinks(Consumer<DnsEvent> dns, Consumer<HttpEvent> http, Consumer<TlsEvent> tls, boolean redact) {}

    /**
     * Passive DNS of this source: the DNS analyzer's answers, for flows' names ({@link #names()});
     * null when DNS is off.
     */
    private final PassiveDns names;

    private final DnsAnalyzer dns;
    private final HttpAnalyzers http;
    private final TlsAnalyzers tls;
    private final TcpStreams streams;
    /**
     * A connection's first bytes, copied for the detectors, which read arrays: as many as the longest
     * detector needs. The DNS test reads the segment: it decodes a whole message, which its decoder copies.
     */
    private final byte[] first = new byte[Math.max(HttpDetector.NEEDED, TlsDetector.BYTES_NEEDED)];

    public Analyzers(FlowTable table, String source, QualitySink quality, Sinks sinks) {
        this.names = sinks.dns() == null ? null : new PassiveDns(PassiveDns.DEFAULT_CAPACITY);
        this.dns = sinks.dns() == null ? null : new DnsAnalyzer(source, quality, sinks.dns(), names);
        this.http = sinks.http() == null ? null : new HttpAnalyzers(source, quality, sinks.http(), sinks.redact());
        this.tls = sinks.tls() == null ? null : new TlsAnalyzers(source, quality, sinks.tls());
        this.streams = dns != null || http != null || tls != null
                ? new TcpStreams(table, this, TcpStreams.DEFAULT_MAX_HELD, TcpStreams.DEFAULT_MAX_HELD_TOTAL, source, quality)
                : null;
    }

    /** The names addresses were resolved from, for annotating flows; null when DNS is off. */
    public PassiveDns names() {
        return names;
    }

    /** Whether any analyzer is on. */
    public boolean any() {
        return streams != null;
    }

    /** The packet {@code table} just took, with the bytes it was decoded from. */
    public void accept(MemorySegment data, long offset, DecodedPacket p, FlowTable table) {
        if (p.ipProto == 17) {
            if (dns != null) dns.accept(data, offset, p, table);
        } else if (p.ipProto == 6 && streams != null) {
            streams.accept(data, offset, p);
        }
    }

    @Override
    public StreamConsumer select(Candidate c, boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
        // by the server's port: a client's ephemeral port may be anything
        if (dns != null && DnsAnalyzer.dnsPort(c.respP())) return dns.tcp(c.id());
        if (!fromOrig) return null;
        // the detectors decide on their first bytes alone: n of them say what length would
        int n = (int) Math.min(first.length, Math.min(length, data.byteSize() - offset));
        MemorySegment.copy(data, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, first, 0, n);
        if (tls != null && TlsDetector.looksLikeClientHello(first, 0, n)) return tls.open(c.id(), tsNanos);
        // a request line cut short by the first segment still counts: the analyzer checks the rest itself
        if (http != null && HttpDetector.detect(first, 0, n) != HttpDetector.Verdict.NOT_HTTP) {
            return http.open(c.id(), tsNanos);
        }
        if (dns != null && dns.isDnsQueryStream(data, offset, length, tsNanos)) return dns.tcp(c.id());
        return null;
    }

    /** End of input, after the table's {@code finish()}: waiting DNS queries are unanswered, ledgers flushed. */
    public void finish() {
        if (streams != null) streams.finish();
        if (dns != null) dns.finish();
        if (http != null) http.flush();
        if (tls != null) tls.flush();
    }
}
