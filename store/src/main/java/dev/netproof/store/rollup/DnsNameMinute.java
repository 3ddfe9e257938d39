package dev.netproof.store.rollup;

/**
 * One queried name's transactions in one minute of one source ({@link DnsRollup}); {@code query} null
 * for the minute's "other" row, which lumps the names past the budget and says how many distinct
 * ones it holds ({@code distinctNames}, a HyperLogLog estimate; 1 for a named row).
 */
public record DnsNameMinute(long minuteNanos, String source, String query, long transactions, long nxDomain,
                            long distinctNames) {
}
