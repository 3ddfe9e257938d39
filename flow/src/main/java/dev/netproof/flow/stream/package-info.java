/**
 * TCP payload reassembled into byte streams, one per direction of a connection, for the
 * application-layer analyzers: in-order data straight from the packet, out-of-order segments held
 * in a bounded buffer, and every hole reported as a gap rather than papered over.
 */
package dev.netproof.flow.stream;
