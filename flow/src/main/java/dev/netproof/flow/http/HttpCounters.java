package dev.netproof.flow.http;

import dev.netproof.core.ledger.QualitySink;
import dev.netproof.core.ledger.StageCounters;
import dev.netproof.decode.http.HttpError;

/**
 * The ledger of stage {@code http} for one source: {@link Metric}s, and {@code error.<reason>} per
 * {@link HttpError} (one per direction that stopped on it). Shared by the analyzers of one
 * {@link HttpAnalyzers}; not thread-safe, like them.
 */
public final class HttpCounters {
    /** Ledger metrics of stage {@code http}. */
    public enum Metric {
        /** Connections opened. */
        CONNECTIONS,
        /** Connections whose first client bytes are not an HTTP/1.x request: no event comes from them. */
        NOT_HTTP,
        REQUESTS,
        /** Final responses (interim ones are counted apart). */
        RESPONSES,
        INTERIM,
        EVENTS,
        /** Events without response. */
        UNANSWERED,
        /** Events of a response without request. */
        RESPONSE_WITHOUT_REQUEST,
        /** Directions stopped on an error (each also counted by reason). */
        ERRORS,
        /** Holes reported by the reassembly, parsed past or not. */
        GAPS,
        /** Requests beyond the outstanding cap: not paired, no event, their responses skipped. */
        OVERFLOW,
        /** Events with something withheld. */
        REDACTED,
        /** Connections switched to another protocol (101) or to a CONNECT tunnel. */
        TUNNELS
    }

    private final StageCounters metrics;
    private final StageCounters errors;

    public HttpCounters(String source, QualitySink quality) {
        this.metrics = new StageCounters(source, "http", Metric.class, quality);
        this.errors = new StageCounters(source, "http", "error.", HttpError.class, quality);
    }

    /** Moves both counter sets to the capture second of {@code tsNanos}. */
    public void at(long tsNanos) {
        long sec = Math.floorDiv(tsNanos, 1_000_000_000L);
        metrics.at(sec);
        errors.at(sec);
    }

    public void inc(Metric m) {
        metrics.inc(m);
    }

    public void error(HttpError e) {
        metrics.inc(Metric.ERRORS);
        errors.inc(e);
    }

    public long total(Metric m) {
        return metrics.total(m);
    }

    public long total(HttpError e) {
        return errors.total(e);
    }

    /** Run totals by ledger name ({@code requests}, {@code error.gap}, ...), zeros included. */
    public java.util.Map<String, Long> totals() {
        var all = new java.util.LinkedHashMap<>(metrics.totals());
        all.putAll(errors.totals());
        return all;
    }

    public void flush() {
        metrics.flush();
        errors.flush();
    }
}
