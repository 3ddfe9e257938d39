/**
 * Benchmark helpers: a synthetic traffic generator computing frames on demand, a frame writer, a
 * counting flow sink, the UDP payloads of a capture of flow exports. Setup-time code, not measured.
 */
package dev.netproof.bench.internal;
