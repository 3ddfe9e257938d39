package dev.netproof.core.model;

import java.util.Objects;

/**
 * How healthy one TCP connection was: handshake, lifecycle, and per direction the loss, order,
 * receiver-pressure and latency figures named after Wireshark's {@code tcp.analysis.*} flags.
 *
 * <p>Times are microseconds; -1 means "not seen" (no SYN-ACK, no ACK of it, no response data).
 *
 * @param handshakeRttUs  SYN → SYN-ACK (the most recent SYN before the first SYN-ACK)
 * @param handshakeAckUs  SYN-ACK → the first ACK; with {@code handshakeRttUs} it adds up to
 *                        Wireshark's {@code tcp.analysis.initial_rtt}
 * @param initialRttUs    Wireshark's initial RTT: most recent SYN → first non-SYN ACK
 * @param ttfbUs          first originator payload byte → first responder payload byte
 * @param lifecycle       bits of {@link Lifecycle}
 * @param retransmissionRate retransmitted payload bytes / payload bytes, both directions (0 without payload)
 */
public record TcpHealth(
        long handshakeRttUs,
        long handshakeAckUs,
        long initialRttUs,
        long ttfbUs,
        int lifecycle,
        TcpDirection orig,
        TcpDirection resp,
        double retransmissionRate,
        Health health) {

    public TcpHealth {
        Objects.requireNonNull(orig, "orig");
        Objects.requireNonNull(resp, "resp");
        Objects.requireNonNull(health, "health");
    }

    /** Health classes by retransmission rate. */
    public enum Health {
        /** under 1% of payload retransmitted */
        HEALTHY,
        /** 1% to 5% */
        DEGRADED,
        /** over 5%, or only retransmitted SYNs/FINs without any payload */
        SEVERE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Health of(double rate) {
            return rate < 0.01 ? HEALTHY : rate <= 0.05 ? DEGRADED : SEVERE;
        }
    }

    /** The lifecycle bits: what was seen, and what it means. */
    public enum Lifecycle {
        SYN, SYN_ACK, ACK, DATA, FIN, RST, HANDSHAKE_COMPLETE, HALF_OPEN, RESET, ABNORMAL_END;

        public int bit() {
            return 1 << ordinal();
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean in(int bits) {
            return (bits & bit()) != 0;
        }
    }

    /** Names of the set lifecycle bits, in bit order, e.g. {@code syn,syn_ack,ack,data,fin,handshake_complete}. */
    public static String lifecycleLabels(int bits) {
        StringBuilder sb = new StringBuilder();
        for (Lifecycle l : Lifecycle.values()) {
            if (l.in(bits)) {
                if (!sb.isEmpty()) sb.append(',');
                sb.append(l.label());
            }
        }
        return sb.toString();
    }
}
