package dev.netproof.flow.tls;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.core.model.TlsEvent;
import dev.netproof.decode.tls.TlsError;
import dev.netproof.decode.tls.TlsStreamParser;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes a {@link TlsAnalyzer} for each TCP connection and keeps the ledger of stage {@code tls}:
 * <ul>
 *   <li>{@code connections} opened; each ends as exactly one of {@code events} (a {@link TlsEvent}
 *       went to the sink), {@code not_tls} (the client's first bytes are not a ClientHello record, or
 *       the server spoke first) or {@code undecided} (the client sent fewer than six bytes before the
 *       end or a gap);</li>
 *   <li>{@code hellos} and {@code server_hellos} decoded, {@code certificates} seen, {@code established}
 *       handshakes, {@code gaps} met while parsing, {@code encrypted_records} counted during the
 *       handshake, {@code alerts_dropped} past {@link TlsEvent#MAX_ALERTS};</li>
 *   <li>{@code errors} in all and {@code error.<reason>} per {@link TlsError}: every parse that stopped
 *       early moves one of them.</li>
 * </ul>
 * Not thread-safe: the analyzers it makes share its counters, and all are called from one thread.
 */
public final class TlsAnalyzers {
    /** Ledger metrics of stage {@code tls}. */
    public enum Metric {
        CONNECTIONS, NOT_TLS, UNDECIDED, EVENTS, HELLOS, SERVER_HELLOS, CERTIFICATES, ESTABLISHED, GAPS,
        ENCRYPTED_RECORDS, ALERTS_DROPPED, ERRORS
    }

    private final String source;
    private final Consumer<TlsEvent> sink;
    private final int maxMessage;
    private final StageCounters counters;
    private final StageCounters errors;
    private final Offers offers = new Offers();

    public TlsAnalyzers(String source, QualitySink quality, Consumer<TlsEvent> sink) {
        this(source, quality, sink, TlsStreamParser.DEFAULT_MAX_MESSAGE);
    }

    /** @param maxMessage the longest handshake message one direction buffers (see {@link TlsStreamParser}) */
    public TlsAnalyzers(String source, QualitySink quality, Consumer<TlsEvent> sink, int maxMessage) {
        this.source = source;
        this.sink = sink;
        this.maxMessage = maxMessage;
        this.counters = new StageCounters(source, "tls", Metric.class, quality);
        this.errors = new StageCounters(source, "tls", "error.", TlsError.class, quality);
    }

    /** The analyzer of a connection that starts at {@code tsNanos}; it sends its event itself. */
    public StreamConsumer open(ConnectionId id, long tsNanos) {
        count(Metric.CONNECTIONS, tsNanos);
        return new TlsAnalyzer(id, this);
    }

    /** Emits the current second's counts to the ledger (at the end of input). */
    public void flush() {
        counters.flush();
        errors.flush();
    }

    public long total(Metric m) {
        return counters.total(m);
    }

    public long total(TlsError e) {
        return errors.total(e);
    }

    /** Run totals by ledger metric name, errors included. */
    public Map<String, Long> totals() {
        var m = new java.util.LinkedHashMap<>(counters.totals());
        m.putAll(errors.totals());
        return m;
    }

    String source() {
        return source;
    }

    /** The rows' columns made from hellos' offers, remembered by offer. */
    Offers offers() {
        return offers;
    }

    int maxMessage() {
        return maxMessage;
    }

    void count(Metric m, long tsNanos) {
        add(m, 1, tsNanos);
    }

    void add(Metric m, long n, long tsNanos) {
        counters.at(Math.floorDiv(tsNanos, 1_000_000_000L));
        counters.add(m, n);
    }

    void error(TlsError e, long tsNanos) {
        count(Metric.ERRORS, tsNanos);
        errors.at(Math.floorDiv(tsNanos, 1_000_000_000L));
        errors.inc(e);
    }

    void emit(TlsEvent e, long tsNanos) {
        count(Metric.EVENTS, tsNanos);
        if (e.established()) count(Metric.ESTABLISHED, tsNanos);
        sink.accept(e);
    }
}
