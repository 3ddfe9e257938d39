package dev.netproof.store.tier;

/** One row of the 1-second series (hot): a second of one source, partial (readers sum rows of the same second). */
public record SecondRow(long secondNanos, String source, long flows, long bytes, long packets) {}
