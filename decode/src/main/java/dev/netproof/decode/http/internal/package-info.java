/**
 * Helpers of the HTTP parser: the bounded line buffer, byte-level ASCII matching, the per-message
 * header scratch, start-line parsing and card-number masking. Not an API; may change freely.
 */
package dev.netproof.decode.http.internal;
