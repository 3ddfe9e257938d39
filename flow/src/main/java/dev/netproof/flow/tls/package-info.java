/**
 * TLS connections from their reassembled byte streams: {@link dev.netproof.flow.tls.TlsAnalyzers}
 * opens a {@link dev.netproof.flow.tls.TlsAnalyzer} per TCP connection (a
 * {@link dev.netproof.flow.stream.StreamConsumer}), which finds TLS on any port, parses both
 * directions with {@code decode.tls} and emits one {@link dev.netproof.core.model.TlsEvent} per
 * handshake, Zeek's ssl.log columns and the client's fingerprints, with ledger stage {@code tls}.
 */
package dev.netproof.flow.tls;
