package dev.netproof.core.model;

import java.util.Objects;

/**
 * One bidirectional conversation, like a row of Zeek's conn.log.
 *
 * <p>Times are nanoseconds since the Unix epoch (durations in nanoseconds). {@code vlan} and
 * {@code innerVlan} are -1 when absent. {@code origBytes}/{@code respBytes} are transport payload
 * bytes (for TCP measured from sequence numbers, as Zeek does); {@code origIpBytes}/{@code respIpBytes}
 * sum the IP datagram lengths as seen on the wire. {@code tcp} is the connection's health (TCP
 * analysis), null for other transports and when the analysis is off. {@code origName}/{@code respName}
 * are the names the addresses were last resolved from by a DNS answer seen before the row was made
 * (passive DNS), null when none was.
 */
public record Flow(
        long tsNanos,
        String uid,
        IpAddress origH,
        int origP,
        IpAddress respH,
        int respP,
        Transport proto,
        int ipProto,
        long durationNanos,
        long origBytes,
        long respBytes,
        String connState,
        String history,
        long origPkts,
        long origIpBytes,
        long respPkts,
        long respIpBytes,
        int vlan,
        int innerVlan,
        CloseReason closeReason,
        String source,
        TcpHealth tcp,
        String origName,
        String respName) {

    public Flow {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(origH, "origH");
        Objects.requireNonNull(respH, "respH");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(connState, "connState");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(closeReason, "closeReason");
        Objects.requireNonNull(source, "source");
        if (origP < 0 || origP > 0xffff || respP < 0 || respP > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + origP + ", " + respP);
        }
        if (durationNanos < 0 || origPkts < 0 || respPkts < 0) {
            throw new IllegalArgumentException("negative duration or packet count in flow " + uid);
        }
    }

    /** This row with the names its addresses were resolved from (passive DNS). */
    public Flow withNames(String origName, String respName) {
        return new Flow(tsNanos, uid, origH, origP, respH, respP, proto, ipProto, durationNanos, origBytes, respBytes,
                connState, history, origPkts, origIpBytes, respPkts, respIpBytes, vlan, innerVlan,
                closeReason, source, tcp, origName, respName);
    }

    public long lastTsNanos() {
        return tsNanos + durationNanos;
    }
}
