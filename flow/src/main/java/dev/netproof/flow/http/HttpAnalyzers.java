package dev.netproof.flow.http;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.model.HttpEvent;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens an {@link HttpAnalyzer} for each TCP connection of one source, all counting into one
 * ledger stage {@code http} ({@link HttpCounters}) and emitting into one sink. Not thread-safe: the
 * connections of one source are analysed on one thread.
 */
public final class HttpAnalyzers {
    private final String source;
    private final HttpAnalyzer.Config config;
    private final HttpCounters counters;
    private final Consumer<HttpEvent> sink;

    /** Default limits; {@code redact} as the operator chose (on by default in the CLI). */
    public HttpAnalyzers(String source, QualitySink quality, Consumer<HttpEvent> sink, boolean redact) {
        this(source, quality, sink, new HttpAnalyzer.Config(HttpAnalyzer.Config.DEFAULTS.limits(),
                HttpAnalyzer.Config.DEFAULTS.maxOutstanding(), redact));
    }

    public HttpAnalyzers(String source, QualitySink quality, Consumer<HttpEvent> sink, HttpAnalyzer.Config config) {
        this.source = Objects.requireNonNull(source, "source");
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.counters = new HttpCounters(source, quality);
    }

    /** The consumer of a new connection's streams, first seen at {@code tsNanos}. */
    public StreamConsumer open(ConnectionId id, long tsNanos) {
        counters.at(tsNanos);
        counters.inc(HttpCounters.Metric.CONNECTIONS);
        return new HttpAnalyzer(id, source, config, counters, sink);
    }

    /** Sends the last second's counts to the ledger (end of input; connections are ended by their {@code end}). */
    public void flush() {
        counters.flush();
    }

    public HttpCounters counters() {
        return counters;
    }
}
