package dev.netproof.flow.tls;

import dev.netproof.decode.tls.TlsDetector;
import dev.netproof.flow.stream.ConnectionId;
import dev.netproof.flow.stream.StreamConsumer;
import java.lang.foreign.MemorySegment;

/**
 * The TLS analyzer of one TCP connection: decides from the client's first six bytes whether the
 * connection speaks TLS ({@link TlsDetector}), then feeds each direction to its own parser and sends
 * one {@link dev.netproof.core.model.TlsEvent} to the sink.
 *
 * <p><b>When the event goes.</b> As soon as the handshake is established, or both parsers have
 * stopped; else at {@link #end}. Established is Zeek's moment too (its ssl.log is written at
 * {@code ssl_established}), and after it everything is encrypted: waiting for the end would only hold
 * the row, and two parser buffers, for the life of a connection that may last days. What that costs:
 * alerts after the handshake (an encrypted close_notify) are not in the row.
 *
 * <p>A connection whose client does not start with a ClientHello record, or whose server speaks
 * first, gets no event ({@code not_tls}); one that ends or loses bytes before the client sent six
 * bytes gets none either ({@code undecided}). Memory: six bytes while deciding, then at most one
 * handshake message per direction (the factory's cap). Not thread-safe; never throws.
 */
public final class TlsAnalyzer implements StreamConsumer {
    private enum State { PROBING, PARSING, DONE }

    private final ConnectionId id;
    private final TlsAnalyzers owner;
    private State state = State.PROBING;
    private final byte[] probe = new byte[TlsDetector.BYTES_NEEDED];
    private int probeHave;
    private long firstTs;
    private TlsSession session;

    TlsAnalyzer(ConnectionId id, TlsAnalyzers owner) {
        this.id = id;
        this.owner = owner;
    }

    @Override
    public void data(boolean fromOrig, MemorySegment data, long offset, int length, long tsNanos) {
        if (state == State.DONE || length <= 0) return;
        if (state == State.PARSING) {
            session.data(fromOrig, data, offset, length, tsNanos);
            if (session.finished()) emit(tsNanos);
            return;
        }
        if (!fromOrig) { // the server spoke first: not a TLS handshake from its start
            close(TlsAnalyzers.Metric.NOT_TLS, tsNanos);
            return;
        }
        if (probeHave == 0) firstTs = tsNanos;
        if (probeHave == 0 && length >= probe.length) { // the usual case: decide on the caller's first bytes
            MemorySegment.copy(data, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, probe, 0, probe.length);
            if (start(tsNanos)) data(true, data, offset, length, tsNanos);
            return;
        }
        int n = Math.min(probe.length - probeHave, length);
        MemorySegment.copy(data, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, probe, probeHave, n);
        probeHave += n;
        if (probeHave < probe.length) return;
        if (start(tsNanos)) {
            data(true, MemorySegment.ofArray(probe), 0, probe.length, tsNanos);
            data(true, data, offset + n, length - n, tsNanos);
        }
    }

    @Override
    public void gap(boolean fromOrig, long bytes, long tsNanos) {
        if (state == State.DONE) return;
        owner.count(TlsAnalyzers.Metric.GAPS, tsNanos);
        if (state == State.PROBING) {
            if (fromOrig || probeHave > 0) close(TlsAnalyzers.Metric.UNDECIDED, tsNanos);
            return;
        }
        session.gap(fromOrig, tsNanos);
        if (session.finished()) emit(tsNanos);
    }

    @Override
    public void end(long tsNanos) {
        if (state == State.PROBING) close(TlsAnalyzers.Metric.UNDECIDED, tsNanos);
        else if (state == State.PARSING) emit(tsNanos);
    }

    /** The row is out (or the connection is not TLS): the rest of the connection is encrypted data. */
    @Override
    public boolean done() {
        return state == State.DONE;
    }

    /** Decides on the six bytes in {@link #probe}; true when TLS and the session was made. */
    private boolean start(long ts) {
        if (!TlsDetector.looksLikeClientHello(probe, 0, probe.length)) {
            close(TlsAnalyzers.Metric.NOT_TLS, ts);
            return false;
        }
        session = new TlsSession(id, owner, firstTs);
        state = State.PARSING;
        return true;
    }

    private void emit(long ts) {
        owner.emit(session.event(ts), ts);
        session = null;
        state = State.DONE;
    }

    private void close(TlsAnalyzers.Metric why, long ts) {
        owner.count(why, ts);
        state = State.DONE;
    }
}
