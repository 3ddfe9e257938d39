/**
 * HTTP/1.x transactions on reassembled TCP connections: {@link dev.netproof.flow.http.HttpAnalyzers}
 * opens one {@link dev.netproof.flow.http.HttpAnalyzer} per connection, which detects HTTP from the
 * client's first bytes (any port), parses both directions with
 * {@link dev.netproof.decode.http.HttpParser}, pairs requests with responses in order (pipelining,
 * keep-alive, interim 1xx, HEAD, CONNECT and Upgrade) and emits one
 * {@link dev.netproof.core.model.HttpEvent} per pair, counted in the ledger stage {@code http}.
 */
package dev.netproof.flow.http;
