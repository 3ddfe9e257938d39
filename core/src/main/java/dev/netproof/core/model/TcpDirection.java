package dev.netproof.core.model;

import java.util.Objects;

/**
 * One direction of a TCP connection: what its sender did and what the receiver's ACKs said of it.
 * Counts are segments, named after Wireshark's {@code tcp.analysis.*} flags; {@code retransmissions}
 * counts every segment Wireshark marks {@code tcp.analysis.retransmission}, which includes the fast
 * and spurious ones (also counted on their own).
 *
 * @param mss              MSS option of this side's SYN, -1 if none seen
 * @param windowScale      window-scale shift this side offered, -1 if none seen
 * @param ackUnseen        ACKs from the peer for data of this side that the capture never saw
 *                         (Wireshark's {@code ack_lost_segment}): the capture, not the network, lost it
 * @param goodputBytes     payload bytes not marked as retransmissions
 * @param avgWindow        mean advertised receive window of this side's segments, scaled
 */
public record TcpDirection(
        int mss,
        int windowScale,
        boolean sackPermitted,
        boolean timestamps,
        long retransmissions,
        long fastRetransmissions,
        long spuriousRetransmissions,
        long outOfOrder,
        long lostSegments,
        long dupAcks,
        long zeroWindows,
        long zeroWindowProbes,
        long windowFull,
        long keepAlives,
        long ackUnseen,
        long payloadBytes,
        long goodputBytes,
        long retransmittedBytes,
        double avgWindow,
        Rtt rtt) {

    public TcpDirection {
        Objects.requireNonNull(rtt, "rtt");
    }

    /** RTT samples of this side's data (data → the peer's ACK, or TSval → its echo), in µs. */
    public record Rtt(long count, long minUs, long maxUs, double meanUs, double stddevUs) {
        public static final Rtt NONE = new Rtt(0, 0, 0, 0, 0);
    }
}
