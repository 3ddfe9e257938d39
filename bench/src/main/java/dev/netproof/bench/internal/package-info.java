/**
 * Benchmark helpers: a synthetic traffic generator computing frames on demand, a frame writer, a
 * counting flow sink. Setup-time code, not measured.
 */
package dev.netproof.bench.internal;
