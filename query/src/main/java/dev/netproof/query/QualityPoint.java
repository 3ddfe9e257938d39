package dev.netproof.query;

/** One second of a ledger counter, summed over the selected sources. */
public record QualityPoint(long second, long value) {}
