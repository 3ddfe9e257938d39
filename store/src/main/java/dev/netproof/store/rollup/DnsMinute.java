package dev.netproof.store.rollup;

/**
 * One minute of one source's DNS transactions ({@link DnsRollup}): how many, how they ended, response
 * codes, and a latency sketch of the answered ones (microseconds, {@link LatencyHistogram}).
 */
public record DnsMinute(long minuteNanos, String source, long transactions, long answered, long unanswered,
                        long responseOnly, long noError, long nxDomain, long servFail, long refused, long otherRcode,
                        byte[] rtt) {
}
