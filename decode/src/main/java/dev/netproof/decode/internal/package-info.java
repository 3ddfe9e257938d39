/**
 * Helpers shared by the protocol decoders: bounded big-endian reads, the per-packet cursor, the
 * dispatch codes between layers and the error/truncation rules. Not an API; may change freely.
 */
package dev.netproof.decode.internal;
