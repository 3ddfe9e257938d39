package dev.netproof.app.cli;

import dev.netproof.flow.FlowTableConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Flow-table settings shared by the commands that build flows. */
public final class FlowTableOptions {
    @Option(names = "--max-flows", paramLabel = "N", defaultValue = "1048576",
            description = "Most flows held in memory at once; beyond it the least recent is emitted early and counted as evicted (default: ${DEFAULT-VALUE}).")
    int maxFlows;

    @Option(names = "--tcp-idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Established TCP connections idle this long are emitted (default: ${DEFAULT-VALUE}).")
    long tcpIdle;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "UDP, ICMP and unanswered TCP attempts idle this long are emitted (default: ${DEFAULT-VALUE}).")
    long otherIdle;

    @Option(names = "--active-timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Flows older than this are emitted and continue in a new row; 0 disables (default: ${DEFAULT-VALUE}).")
    long active;

    @Option(names = "--no-tcp-analysis", negatable = false,
            description = "Skip TCP health (Wireshark-style sequence analysis, RTT, handshake): faster, less memory, no tcp fields.")
    boolean noTcpAnalysis;

    public FlowTableConfig config() {
        if (tcpIdle <= 0 || otherIdle <= 0 || active < 0) {
            throw new UserError("timeouts must be positive (active timeout may be 0)", 2);
        }
        try {
            return FlowTableConfig.defaults().withMaxFlows(maxFlows)
                    .withTimeouts(Duration.ofSeconds(tcpIdle), Duration.ofSeconds(otherIdle), Duration.ofSeconds(active))
                    .withTcpAnalysis(!noTcpAnalysis);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }
}
