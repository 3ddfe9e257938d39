package dev.netproof.flow;

import java.time.Duration;

/**
 * Settings of the flow table.
 *
 * @param maxFlows        most flows held at once; the table's memory is bounded by this (about 200 bytes a flow, 300 with TCP health).
 *                        When full, the least recently active flow is emitted early and counted as evicted.
 * @param tcpIdleTimeout  an established TCP connection with no packet for this long is emitted (Zeek: 5 min)
 * @param otherIdleTimeout UDP, ICMP, other transports and unanswered TCP attempts (Zeek's UDP/ICMP: 1 min)
 * @param closeLinger     after a TCP close (FIN both ways, or RST) the flow stays this long to collect
 *                        trailing ACKs and retransmissions before it is emitted (Zeek's tcp_close_delay: 5 s)
 * @param activeTimeout   a flow older than this is emitted and continues as a new row (NetFlow's active
 *                        timeout); zero disables it
 * @param uidSeed         mixed into flow uids so two runs over the same input can be told apart (0: reproducible)
 * @param tcpAnalysis     Wireshark-style sequence analysis and connection health for TCP ({@code Flow.tcp()});
 *                        off saves 136 bytes per live TCP connection and the time it takes
 */
public record FlowTableConfig(
        int maxFlows,
        Duration tcpIdleTimeout,
        Duration otherIdleTimeout,
        Duration closeLinger,
        Duration activeTimeout,
        long uidSeed,
        boolean tcpAnalysis) {

    public static final int MIN_FLOWS = 16;

    public FlowTableConfig {
        if (maxFlows < MIN_FLOWS || maxFlows > (1 << 28)) {
            throw new IllegalArgumentException("maxFlows must be between " + MIN_FLOWS + " and 2^28, was " + maxFlows);
        }
        requirePositive(tcpIdleTimeout, "tcpIdleTimeout");
        requirePositive(otherIdleTimeout, "otherIdleTimeout");
        requirePositive(closeLinger, "closeLinger");
        if (activeTimeout.isNegative()) throw new IllegalArgumentException("activeTimeout must not be negative");
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
    }

    public static FlowTableConfig defaults() {
        return new FlowTableConfig(1 << 20, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(5),
                Duration.ofMinutes(30), 0L, true);
    }

    public FlowTableConfig withMaxFlows(int n) {
        return new FlowTableConfig(n, tcpIdleTimeout, otherIdleTimeout, closeLinger, activeTimeout, uidSeed, tcpAnalysis);
    }

    public FlowTableConfig withTimeouts(Duration tcpIdle, Duration otherIdle, Duration active) {
        return new FlowTableConfig(maxFlows, tcpIdle, otherIdle, closeLinger, active, uidSeed, tcpAnalysis);
    }

    public FlowTableConfig withTcpAnalysis(boolean on) {
        return new FlowTableConfig(maxFlows, tcpIdleTimeout, otherIdleTimeout, closeLinger, activeTimeout, uidSeed, on);
    }
}
