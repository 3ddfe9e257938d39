package dev.netproof.query;

/** The sum of one ledger counter over a time range. */
public record QualityTotal(String source, String stage, String metric, long value) {}
