package dev.netproof.store.rollup;

import dev.netproof.core.model.IpAddress;

/**
 * One row of the TCP service rollup: the connections to one service ({@code id.resp_h}, {@code id.resp_p})
 * that started in one minute, from one source. {@code respH} null and {@code respP} -1 is the minute's
 * "other" row, which holds the services beyond the rollup's budget. Several rows may share a key (one
 * per flush); readers add them up, sketches included.
 *
 * @param handshakes     connections with a handshake RTT (the count in {@code handshakeRtt})
 * @param rttSamples     RTT samples of both directions summarised in {@code rtt}
 * @param handshakeRtt   encoded {@link LatencyHistogram} of handshake RTTs (SYN→SYN-ACK), µs
 * @param rtt            encoded {@link LatencyHistogram}: each connection direction's mean RTT, weighted
 *                       by its number of samples
 */
public record ServiceMinute(long minuteNanos, String source, IpAddress respH, int respP, long connections,
                            long handshakes, long healthy, long degraded, long severe, long payloadBytes,
                            long retransmittedBytes, long retransmissions, long zeroWindows, long rttSamples,
                            byte[] handshakeRtt, byte[] rtt) {
}
